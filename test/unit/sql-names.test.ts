import { describe, expect, it } from 'vitest';
import { qualified, readQualifiedName } from '../../src/sql/ident.js';
import { parseDumpQualifiedName } from '../../src/safety/dump-rows.js';
import { parseObjectId } from '../../src/baseline/snapshot-index.js';
import { objectId } from '../../src/introspect/snapshot-types.js';

/** The one reader of dotted SQL names: snapshot ids and pg_dump's names go through it. */
describe('readQualifiedName', () => {
  const hostile = ['a"b', 'Weird Name', 'user', 'ÄÖ', 'f.y', '"', ''];

  it('reads back what qualified() quoted, for hostile names', () => {
    for (const schema of hostile) {
      for (const name of hostile) {
        const text = qualified(schema, name);
        expect(readQualifiedName(text + ' rest')).toEqual({ parts: [schema, name], end: text.length });
      }
    }
  });

  it('reads bare words only where allowed, and refuses an unclosed quote or a missing part', () => {
    expect(readQualifiedName('public.todos (id)', 0, /[^\s."(]+/)).toEqual({ parts: ['public', 'todos'], end: 12 });
    expect(readQualifiedName('public.todos')).toBeNull();
    expect(readQualifiedName('"public"."todos')).toBeNull();
    expect(readQualifiedName('"public".', 0, /[^\s."(]+/)).toBeNull();
  });

  it('serves snapshot ids and pg_dump names alike', () => {
    expect(parseObjectId(objectId('function', ['a"b', 'f.y'], 'integer'))).toEqual({ kind: 'function', parts: ['a"b', 'f.y'], signature: 'integer' });
    expect(parseObjectId('grant:table:"public"."t"->"r"')).toEqual({ kind: 'grant', parts: [], signature: undefined });
    expect(parseDumpQualifiedName('"My Schema"."a""b" (id, name) FROM stdin;')).toEqual({ schema: 'My Schema', table: 'a"b', rest: ' (id, name) FROM stdin;' });
    expect(parseDumpQualifiedName('public.todos (id) FROM stdin;')).toEqual({ schema: 'public', table: 'todos', rest: ' (id) FROM stdin;' });
    expect(parseDumpQualifiedName('todos (id) FROM stdin;')).toBeNull();
  });
});
