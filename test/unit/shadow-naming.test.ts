import { describe, expect, it } from 'vitest';
import { SHADOW_DB_PREFIX, assertShadowDatabaseName, shadowDatabaseName } from '../../src/shadow/shadow.js';
import { defaultAclStatements } from '../../src/shadow/platform-clone.js';
import { cleanDumpSql } from '../../src/shadow/clone/dump-managed.js';
import { STAND_IN_DEFINITIONS, STAND_IN_MARKER, controlFileText, platformDefaultStandIns } from '../../src/shadow/stand-ins/catalog.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

describe('shadow database names', () => {
  it('are prefixed, sanitised and within 63 bytes', () => {
    const n = shadowDatabaseName('Replay: "history"; DROP DATABASE postgres --' + 'x'.repeat(100));
    expect(n.startsWith(SHADOW_DB_PREFIX)).toBe(true);
    expect(n).toMatch(/^[a-z0-9_]+$/);
    expect(Buffer.byteLength(n)).toBeLessThanOrEqual(63);
    expect(shadowDatabaseName('')).toMatch(/^squashbase_shadow_db_[0-9a-f]{10}$/);
  });
  it('drop guard refuses anything without the prefix', () => {
    for (const bad of ['postgres', 'template1', 'squashbase_shadow', 'xsquashbase_shadow_a', SHADOW_DB_PREFIX]) {
      expect(() => assertShadowDatabaseName(bad)).toThrow();
    }
    expect(() => assertShadowDatabaseName('squashbase_shadow_replay_0123456789')).not.toThrow();
  });
});

describe('default privilege cloning', () => {
  it('reproduces a global entry from scratch and a schema entry additively', () => {
    const sql = defaultAclStatements([
      { role: 'postgres', schema: null, objtype: 'f', grants: [{ grantee: 'postgres', privilege: 'EXECUTE', grantable: false }] },
      {
        role: 'supabase_admin',
        schema: 'public',
        objtype: 'r',
        grants: [
          { grantee: 'anon', privilege: 'SELECT', grantable: false },
          { grantee: 'postgres', privilege: 'SELECT', grantable: true },
        ],
      },
    ]);
    expect(sql).toEqual([
      'ALTER DEFAULT PRIVILEGES FOR ROLE "postgres" REVOKE ALL ON FUNCTIONS FROM PUBLIC',
      'ALTER DEFAULT PRIVILEGES FOR ROLE "postgres" REVOKE ALL ON FUNCTIONS FROM "postgres"',
      'ALTER DEFAULT PRIVILEGES FOR ROLE "postgres" GRANT EXECUTE ON FUNCTIONS TO "postgres"',
      'ALTER DEFAULT PRIVILEGES FOR ROLE "supabase_admin" IN SCHEMA "public" GRANT SELECT ON TABLES TO "anon"',
      'ALTER DEFAULT PRIVILEGES FOR ROLE "supabase_admin" IN SCHEMA "public" GRANT SELECT ON TABLES TO "postgres" WITH GRANT OPTION',
    ]);
  });
});

describe('dump post-processing', () => {
  it('strips psql meta-commands and transaction_timeout', () => {
    const out = cleanDumpSql('\\restrict abc\nSET transaction_timeout = 0;\nCREATE SCHEMA auth;\n\\unrestrict abc\n');
    expect(out).toBe('CREATE SCHEMA auth;\n');
  });
});

describe('stand-in catalog', () => {
  it('has a template and a marked control file for every stand-in', () => {
    for (const def of STAND_IN_DEFINITIONS) {
      expect(existsSync(new URL(`../../templates/stand-ins/${def.extension}.sql`, import.meta.url)), def.extension).toBe(true);
      const control = controlFileText(def);
      expect(control.startsWith(STAND_IN_MARKER)).toBe(true);
      expect(control).toContain(`default_version = '${def.version}'`);
      expect(control).toContain(`comment = '${def.comment.replace(/'/g, "''")}'`);
      expect(control).not.toContain("comment = 'squashbase");
    }
  });
  it('presents the real control metadata: the same as the independently written live-platform stubs', () => {
    // ../shared/live-platform/stubext carries each real extension's control metadata; the
    // stand-ins must present the same (name, comment, schema, superuser, requires), or parity
    // blames the user for a property of the stand-in.
    const dir = fileURLToPath(new URL('../../../shared/live-platform/stubext/', import.meta.url));
    let compared = 0;
    for (const def of STAND_IN_DEFINITIONS) {
      const file = join(dir, `${def.extension}.control`);
      if (!existsSync(file)) continue;
      const real = parseControl(readFileSync(file, 'utf8'));
      const ours = parseControl(controlFileText(def));
      for (const key of ['comment', 'schema', 'superuser', 'requires']) expect(ours[key], `${def.extension}: ${key}`).toBe(real[key]);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(11);
  });
  it('platform defaults: pgjwt on 15 only', () => {
    expect(platformDefaultStandIns(15)).toContain('pgjwt');
    expect(platformDefaultStandIns(17)).not.toContain('pgjwt');
  });
});

describe('default privilege reset (overlay mode)', () => {
  it('returns global entries to the built-in default and empties schema entries', async () => {
    const { resetDefaultAclStatements } = await import('../../src/shadow/clone/overlay.js');
    expect(
      resetDefaultAclStatements([
        { role: 'postgres', schema: null, objtype: 'f', grants: [{ grantee: 'postgres', privilege: 'EXECUTE', grantable: false }] },
        { role: 'postgres', schema: 'public', objtype: 'r', grants: [{ grantee: 'anon', privilege: 'SELECT', grantable: false }, { grantee: 'anon', privilege: 'INSERT', grantable: false }] },
      ]),
    ).toEqual([
      'ALTER DEFAULT PRIVILEGES FOR ROLE "postgres" REVOKE ALL ON FUNCTIONS FROM "postgres"',
      'ALTER DEFAULT PRIVILEGES FOR ROLE "postgres" GRANT ALL ON FUNCTIONS TO "postgres"',
      'ALTER DEFAULT PRIVILEGES FOR ROLE "postgres" GRANT EXECUTE ON FUNCTIONS TO PUBLIC',
      'ALTER DEFAULT PRIVILEGES FOR ROLE "postgres" IN SCHEMA "public" REVOKE ALL ON TABLES FROM "anon"',
    ]);
  });
});

function parseControl(text: string): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([a-z_]+)\s*=\s*'?(.*?)'?\s*$/.exec(line);
    if (m?.[1] && !line.trimStart().startsWith('#')) out[m[1]] = m[2];
  }
  return out;
}
