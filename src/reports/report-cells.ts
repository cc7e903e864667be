import type { Comparison, ObjectComparison } from '../parity/types.js';
import type { KindRow, KindSide } from '../parity/report-model.js';

/** Cells and labels every renderer of a ParityReport shares (Markdown, HTML, terminal). */

/** Human label of an object status inside a comparison: "only in live", "only in history", "changed". */
export function statusLabel(status: ObjectComparison['status'], comparison: Pick<Comparison, 'referenceLabel' | 'candidateLabel'>): string {
  switch (status) {
    case 'only_in_reference':
      return `only in ${comparison.referenceLabel}`;
    case 'only_in_candidate':
      return `only in ${comparison.candidateLabel}`;
    case 'changed':
      return 'changed';
    case 'equal':
      return 'equal';
  }
}

/** The id without its kind prefix, for display: "public"."todos"."title". */
export function displayIdentity(o: Pick<ObjectComparison, 'id' | 'kind'>): string {
  return o.id.startsWith(o.kind + ':') ? o.id.slice(o.kind.length + 1) : o.id;
}

/** "7/7", "6/7", "7/7 +1" (the candidate has one object live lacks); "–" when not checked. */
export function matchCell(live: number, side: KindSide | null): string {
  if (!side) return '–';
  return `${side.matched}/${live}${side.onlyInCandidate ? ` +${side.onlyInCandidate}` : ''}`;
}

/** True when every live object matched and the candidate has nothing extra. */
export function sideOk(live: number, side: KindSide | null): boolean {
  return side !== null && side.matched === live && side.onlyInCandidate === 0 && side.changed === 0;
}

/** "Tables 7/7 · Indexes 16/16 · …" for one side of the table (matched/live, +extras). */
export function kindSummaryLine(rows: KindRow[], which: 'baseline' | 'history'): string {
  return rows
    .map((r) => {
      const s = r[which];
      if (!s) return `${r.label} ${r.live}`;
      return `${r.label} ${s.matched}/${r.live}${s.onlyInCandidate ? ` +${s.onlyInCandidate}` : ''}`;
    })
    .join(' · ');
}
