import { describe, expect, it } from 'vitest';
import { newRunId } from '../../src/util/run-id.js';

describe('newRunId', () => {
  it('is the UTC start second and 6 hex digits, the one form parity and consolidate share', () => {
    const id = newRunId(new Date('2026-11-21T06:50:13.789Z'));
    expect(id).toMatch(/^20261121T065013Z-[0-9a-f]{6}$/);
    expect(newRunId(new Date('2026-11-21T06:50:13.789Z'))).not.toBe(id);
  });
});
