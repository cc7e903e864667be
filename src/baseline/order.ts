import { cmp } from './snapshot-index.js';

/** One unit of DDL in the baseline: its statements and what must run before it. */
export interface Step {
  /** Unique key: usually the object id; auxiliary steps get a prefix (fk:, owned-by:, attach:). */
  key: string;
  /** Tie-break rank (lower first) when several steps are ready at once. */
  rank: number;
  /** Keys of steps that must come first. Unknown keys (platform objects) are ignored. */
  after: string[];
  /** Statements, each a complete SQL statement ending in ';'. */
  sql: string[];
}

export interface OrderResult {
  steps: Step[];
  /** Each cycle that had to be broken, as the keys involved (sorted). */
  cycles: string[][];
}

/**
 * Deterministic topological order (Kahn's algorithm with a (rank, key) priority queue).
 * Ties never depend on input order. A cycle is broken at its smallest (rank, key) member and
 * reported, so generation always finishes and the caller can warn (B009).
 */
export function orderSteps(input: Step[]): OrderResult {
  const byKey = new Map<string, Step>();
  for (const s of input) {
    if (byKey.has(s.key)) throw new Error(`duplicate step ${s.key}`);
    byKey.set(s.key, s);
  }
  const indegree = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const s of input) {
    const deps = new Set(s.after.filter((k) => k !== s.key && byKey.has(k)));
    indegree.set(s.key, deps.size);
    for (const d of deps) {
      let list = dependents.get(d);
      if (!list) dependents.set(d, (list = []));
      list.push(s.key);
    }
  }
  const less = (a: Step, b: Step) => (a.rank !== b.rank ? a.rank < b.rank : cmp(a.key, b.key) < 0);
  const heap = new Heap<Step>(less);
  for (const s of input) if (indegree.get(s.key) === 0) heap.push(s);

  const out: Step[] = [];
  const done = new Set<string>();
  const cycles: string[][] = [];
  const release = (key: string) => {
    for (const dep of dependents.get(key) ?? []) {
      if (done.has(dep)) continue;
      const n = (indegree.get(dep) ?? 0) - 1;
      indegree.set(dep, n);
      if (n === 0) heap.push(byKey.get(dep)!);
    }
  };
  while (out.length < input.length) {
    let next = heap.pop();
    if (!next) {
      // Cycle: force the smallest step that is itself on a cycle, and report that cycle.
      const remaining = input.filter((s) => !done.has(s.key)).sort((a, b) => (less(a, b) ? -1 : 1));
      next = remaining.find((s) => onCycle(s.key, byKey, done)) ?? remaining[0]!;
      cycles.push(cycleMembers(next.key, byKey, done));
      indegree.set(next.key, 0);
    }
    if (done.has(next.key)) continue;
    done.add(next.key);
    out.push(next);
    release(next.key);
  }
  return { steps: out, cycles };
}

/** Keys reachable from `start` through not-yet-emitted dependencies. */
function reachable(start: string, byKey: Map<string, Step>, done: Set<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...(byKey.get(start)?.after ?? [])];
  while (stack.length) {
    const k = stack.pop()!;
    if (seen.has(k) || !byKey.has(k) || done.has(k)) continue;
    seen.add(k);
    for (const d of byKey.get(k)!.after) stack.push(d);
  }
  return seen;
}

function onCycle(key: string, byKey: Map<string, Step>, done: Set<string>): boolean {
  return reachable(key, byKey, done).has(key);
}

/** The steps on a cycle through `start`: reachable from it and reaching it back (first 10). */
function cycleMembers(start: string, byKey: Map<string, Step>, done: Set<string>): string[] {
  const from = reachable(start, byKey, done);
  return [...from].filter((k) => k === start || reachable(k, byKey, done).has(start)).sort(cmp).slice(0, 10);
}

class Heap<T> {
  private items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}
  push(x: T): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
