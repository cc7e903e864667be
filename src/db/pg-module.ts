import { createRequire } from 'node:module';
import type Pg from 'pg';

/**
 * The `pg` module, loaded without making Node 20 load its bundled fetch implementation.
 *
 * When `pg/lib/stream.js` loads, it checks whether it runs in a Cloudflare Worker. It looks at
 * `navigator.userAgent`, and where there is no `navigator` (Node 20 has none) it builds a
 * `Response`. Touching the global `Response` makes Node load undici, which costs 60–100 ms of
 * every CLI start and is never used. A `navigator` that is present only while pg loads answers
 * the check the way Node 21+ does (userAgent "Node.js/…", not a Worker). It is then removed
 * again, so nothing else sees it.
 */
function loadPg(): typeof Pg {
  const require = createRequire(import.meta.url);
  if ('navigator' in globalThis) return require('pg') as typeof Pg;
  Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${process.versions.node}` }, configurable: true });
  try {
    return require('pg') as typeof Pg;
  } finally {
    delete (globalThis as { navigator?: unknown }).navigator;
  }
}

export const pg = loadPg();
