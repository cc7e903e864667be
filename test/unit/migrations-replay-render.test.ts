import { describe, expect, it } from 'vitest';
import { progressPrinter, renderFileLine, formatReplayError } from '../../src/shadow/replay.js';
import { CREATE_MIGRATION_TABLE, INSERT_VERSION_SQL } from '../../src/migrations/cli-history.js';
import { configMajor } from '../../src/shadow/replay.js';
import { fileURLToPath } from 'node:url';

describe('replay rendering', () => {
  it('progress: a bar redrawn in place on a TTY, one line per file otherwise', () => {
    const tty: string[] = [];
    const p = progressPrinter((l) => tty.push(l), true);
    p({ type: 'start', total: 2 });
    p({ type: 'file-start', index: 0, total: 2, fileName: 'a.sql' });
    p({ type: 'file-start', index: 1, total: 2, fileName: 'b.sql' });
    p({ type: 'done', result: { ok: true, files: [] } });
    expect(tty[0]).toBe(`[${'.'.repeat(30)}] 0/2 a.sql`);
    expect(tty[1]).toBe(`\x1b[1A\x1b[2K[${'#'.repeat(15)}${'.'.repeat(15)}] 1/2 b.sql`);
    expect(tty).toHaveLength(3);

    const plain: string[] = [];
    const q = progressPrinter((l) => plain.push(l), false);
    const result = { version: '1', fileName: 'a.sql', sha256: 'x', status: 'applied' as const, statements: 2, durationMs: 3.4 };
    q({ type: 'file-start', index: 0, total: 1, fileName: 'a.sql' });
    q({ type: 'file-done', index: 0, total: 1, result });
    expect(plain).toEqual(['[1/1] applied a.sql (3 ms)']);
  });

  it('file lines and errors', () => {
    const line = renderFileLine({ version: '1', fileName: '1_x.sql', sha256: '', status: 'applied', statements: 1, durationMs: 12, nonTransactional: ['VACUUM (line 2)'] }, 10);
    expect(line).toBe('  ok    1_x.sql       1 statement     12 ms  (outside a transaction: VACUUM (line 2))');
    const text = formatReplayError({ file: '1_x.sql', line: 12, column: 3, sqlstate: '42P01', message: 'relation "t" does not exist', hint: 'h', detail: 'd', caret: 'a b\n  ^', statementIndex: 4 });
    expect(text).toBe(['1_x.sql:12:3: ERROR 42P01: relation "t" does not exist', '  DETAIL: d', '  HINT: h', '  12 | a b', '     |   ^'].join('\n'));
  });

  it('CLI history SQL and config.toml major', async () => {
    expect(CREATE_MIGRATION_TABLE[0]).toBe("SET lock_timeout = '4s'");
    expect(CREATE_MIGRATION_TABLE).toHaveLength(5);
    expect(INSERT_VERSION_SQL).toMatch(/\(version, name, statements\) VALUES\(\$1, \$2, \$3\)$/);
    expect(await configMajor(fileURLToPath(new URL('../../', import.meta.url)))).toBe(15);
    expect(await configMajor('/nonexistent')).toBeUndefined();
  });
});
