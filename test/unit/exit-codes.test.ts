import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EXIT, exitCodeFor } from '../../src/exit-codes.js';
import { ERROR_CODES } from '../../src/errors.js';

describe('exit codes', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  it('every exit code is documented in the README table', () => {
    for (const [name, code] of Object.entries(EXIT)) {
      expect(readme, `README lacks exit code ${code} (${name})`).toMatch(new RegExp(`\\|\\s*${code}\\s*\\|\\s*\`${name}\``));
    }
  });

  it('every error code is documented in the README and maps to an exit code', () => {
    for (const code of ERROR_CODES) {
      expect(readme, `README lacks error code ${code}`).toContain(`\`${code}\``);
      expect(Object.values(EXIT)).toContain(exitCodeFor(code));
    }
  });

  it('exit codes are unique', () => {
    const values = Object.values(EXIT);
    expect(new Set(values).size).toBe(values.length);
  });
});
