import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { serverTarget, useTestDatabase } from '../support/test-database.js';
import { applyHostileFixture } from '../fixtures/hostile/apply.js';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';
import { EXIT } from '../../src/exit-codes.js';
import { inspectDatabase } from '../../src/introspect/inspect.js';
import { canonicalJson } from '../../src/util/canonical-json.js';
import { KIND_ORDER } from '../../src/introspect/snapshot-types.js';

const CANARY = 'p@ss w#rd%!';
const CANARY_FRAGMENTS = [CANARY, encodeURIComponent(CANARY), 'p@ss', 'w#rd', 'p%40ss', 'rd%25'];

function expectNoCanary(text: string): void {
  for (const f of CANARY_FRAGMENTS) expect(text, `output contains "${f}"`).not.toContain(f);
}

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('squashbase inspect (CLI)', () => {
  const db = useTestDatabase('introspect_cli');
  let dir: string;

  beforeAll(async () => {
    await applyHostileFixture(db.get());
    dir = await mkdtemp(join(tmpdir(), 'sb-inspect-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints a per-kind count table and writes the snapshot atomically with --out', async () => {
    const out = memoryOutput();
    const file = join(dir, 'nested', 'snapshot.json');
    const code = await runCli(['inspect', '--db-url', db.get().url, '--out', file], out);
    expect(code).toBe(EXIT.OK);
    const text = out.stdout.join('\n');
    for (const label of ['Schemas', 'Tables', 'Columns', 'Constraints', 'Indexes', 'Views', 'Functions', 'Triggers', 'RLS policies', 'Grants', 'Attachments']) {
      expect(text).toContain(label);
    }
    expect(text).toMatch(/Triggers\s+\d+\s+1\b/);
    expect(text).toContain('storage.buckets: 1 row');
    const written = await readFile(file, 'utf8');
    expect(written).toBe(canonicalJson(await inspectDatabase(db.get().target)));
    expect(written).not.toContain(db.get().target.config.password as string);
  });

  it('--json prints the same counts as JSON (and takes the URL from SUPABASE_DB_URL)', async () => {
    const out = memoryOutput();
    const code = await runCli(['inspect', '--json'], out, { env: { SUPABASE_DB_URL: db.get().url } });
    expect(code).toBe(EXIT.OK);
    expect(out.stderr).toEqual([]);
    const parsed = JSON.parse(out.stdout.join('')) as { ok: boolean; kinds: { kind: string; count: number; attachments: number }[]; attachments: number; total: number };
    expect(parsed.ok).toBe(true);
    expect(parsed.kinds.map((k) => k.kind)).toEqual(KIND_ORDER);
    expect(parsed.kinds.find((k) => k.kind === 'policy')).toMatchObject({ count: 13, attachments: 4 });
    expect(parsed.attachments).toBe(7);
    expect(parsed.total).toBe(parsed.kinds.reduce((n, k) => n + k.count, 0));
  });

  it('no URL is a usage error with a hint (exit 2)', async () => {
    const out = memoryOutput();
    expect(await runCli(['inspect'], out, { env: {} })).toBe(EXIT.USAGE);
    expect(out.stderr.join('\n')).toMatch(/DB_URL_MISSING[\s\S]*hint:/);
  });

  it('canary password never appears: closed port (encoded and raw URL forms)', async () => {
    const port = await closedPort();
    for (const url of [
      `postgresql://postgres:${encodeURIComponent(CANARY)}@127.0.0.1:${port}/postgres`,
      `postgresql://postgres:${CANARY}@127.0.0.1:${port}/postgres`,
    ]) {
      for (const json of [false, true]) {
        const out = memoryOutput();
        const code = await runCli(['inspect', '--db-url', url, '--verbose', ...(json ? ['--json'] : [])], out);
        expect(code).toBe(EXIT.CONNECTION);
        const all = [...out.stdout, ...out.stderr].join('\n');
        expect(all).toContain('CONNECTION_FAILED');
        expectNoCanary(all);
      }
    }
  });

  it('canary password never appears: real server, wrong password (in-process and spawned CLI)', async () => {
    const s = serverTarget().config;
    const url = `postgresql://${s.user}:${encodeURIComponent(CANARY)}@${s.host}:${s.port}/${db.get().name}`;
    const out = memoryOutput();
    expect(await runCli(['inspect', '--db-url', url, '--verbose'], out)).toBe(EXIT.CONNECTION);
    const all = [...out.stdout, ...out.stderr].join('\n');
    expect(all).toMatch(/CONNECTION_FAILED[\s\S]*(password|Authentication)/i);
    expectNoCanary(all);

    const main = new URL('../../dist/cli/main.js', import.meta.url).pathname;
    expect(existsSync(main), 'run `npm run build` first').toBe(true);
    const child = spawn(process.execPath, [main, 'inspect', '--verbose'], {
      env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: url.replace(encodeURIComponent(CANARY), CANARY) },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exit = await new Promise<number | null>((r) => child.on('close', r));
    expect(exit).toBe(EXIT.CONNECTION);
    expect(stderr).toContain('CONNECTION_FAILED');
    expectNoCanary(stdout + stderr);
  });
});
