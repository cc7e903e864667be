import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson, canonicalJsonChunks } from '../../src/util/canonical-json.js';
import { writeFileAtomic } from '../../src/util/fs-atomic.js';
import { fixtureSnapshot } from '../support/baseline-fixture-snapshot.js';

/** A value with every case the format rules name: unsorted keys, undefined, nesting, arrays. */
const SAMPLE = { b: 1, a: [1, 'x', null, { z: undefined, y: [], x: {} }], c: {}, d: 'Ä"\n', '10': true, '9': false };

describe('canonicalJson', () => {
  it('is pinned: keys sorted (integer-like first, as JSON.parse gives them back), 2-space indent, undefined dropped, trailing newline', () => {
    expect(canonicalJson(SAMPLE)).toBe(
      '{\n  "9": false,\n  "10": true,\n  "a": [\n    1,\n    "x",\n    null,\n    {\n      "x": {},\n      "y": []\n    }\n  ],\n' +
        '  "b": 1,\n  "c": {},\n  "d": "Ä\\"\\n"\n}\n',
    );
  });

  it('in chunks gives the same bytes, for small values, large arrays and a snapshot', () => {
    const big = Array.from({ length: 1000 }, (_, i) => ({ id: `o${i}`, kind: 'table', props: { n: i, list: [i, { q: i % 3 === 0 ? undefined : i }] } }));
    const snapshot = fixtureSnapshot();
    const samples: unknown[] = [
      SAMPLE,
      { objects: big, managed: [], format: 'f', fn: () => 1, sym: Symbol('s'), und: undefined, holes: [undefined, () => 1] },
      { ...snapshot, objects: [...snapshot.objects, ...snapshot.objects.map((o) => ({ ...o, id: o.id + 'x' }))], managed: big },
      big,
      {},
      [],
      'x',
      null,
      { d: new Date(0) },
    ];
    for (const v of samples) expect([...canonicalJsonChunks(v)].join('')).toBe(canonicalJson(v));
  });
});

describe('writeFileAtomic with text in pieces', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-canonical-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes exactly the joined pieces, ASCII or not, across write chunks', async () => {
    const pieces = Array.from({ length: 3000 }, (_, i) => `${i % 7 === 0 ? 'ÄÖ "x" ' : 'plain '}${'y'.repeat(900)}\n`);
    const p = join(dir, 'pieces.json');
    await writeFileAtomic(p, pieces);
    expect(await readFile(p, 'utf8')).toBe(pieces.join(''));
    await writeFileAtomic(p, canonicalJsonChunks(SAMPLE));
    expect(await readFile(p, 'utf8')).toBe(canonicalJson(SAMPLE));
  });

  it('encodes text as Buffer.from(text, "utf8") does, lone surrogates included', async () => {
    const text = `a\ud800b\udc00c😀Ä${'z'.repeat(1 << 20)}\ud83d`;
    const p = join(dir, 'surrogates.txt');
    await writeFileAtomic(p, text);
    expect((await readFile(p)).equals(Buffer.from(text, 'utf8'))).toBe(true);
    await writeFileAtomic(p, [text.slice(0, 3), text.slice(3)]);
    expect((await readFile(p)).equals(Buffer.from(text, 'utf8'))).toBe(true);
    // A surrogate pair split between pieces right at a write boundary stays one character.
    const pair = `${'x'.repeat((1 << 20) - 1)}\ud83d`;
    await writeFileAtomic(p, [pair, '\ude00tail']);
    expect(await readFile(p, 'utf8')).toBe(`${pair}\ude00tail`);
  });
});
