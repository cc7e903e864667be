import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runLint } from '../../src/lint/lint.js';
import { isSecretOption } from '../../src/introspect/secret-options.js';

const fixture = fileURLToPath(new URL('../fixtures/lint/secrets', import.meta.url));

describe('C015 committed-secret', () => {
  it('finds a key in a DO-wrapped CREATE SERVER and a mapping password, by line, without printing them', async () => {
    const r = await runLint({ workdir: fixture });
    const c015 = r.findings.filter((f) => f.rule === 'C015');
    expect(c015.map((f) => [f.line, f.message])).toEqual([
      [9, 'Option api_key holds a literal secret committed to the migration history.'],
      [15, 'Option password holds a literal secret committed to the migration history.'],
    ]);
    expect(c015[0]!.severity).toBe('error');
    const text = JSON.stringify(r.findings);
    expect(text).not.toContain('sk_test_fixture');
    expect(text).not.toContain('fixture-PASSWORD');
  });

  it('treats credentials as secrets and Vault references (api_key_id) and plain options as not', () => {
    for (const name of ['password', 'api_key', 'apikey', 'secret', 'token', 'access_key', 'service_key', 'passwd', 'PASSWORD']) expect(isSecretOption(name), name).toBe(true);
    for (const name of ['api_key_id', 'user', 'host', 'object', 'rowid_column', 'key_column', 'dbname']) expect(isSecretOption(name), name).toBe(false);
  });
});
