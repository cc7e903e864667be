import type { ReportPlatformDelta, ReportPlatformDeltaItem } from '../parity/report-model.js';

/**
 * Shared wording of the "Platform changes" section (Markdown, HTML, terminal): how live's
 * managed schemas differ from the pristine platform, and whose doing each difference is.
 */
export function platformDeltaIntro(d: ReportPlatformDelta | null): string {
  if (!d) return 'Not measured: parity had no pristine platform to compare the managed schemas with.';
  const user = d.items.filter((i) => i.origin !== 'version').length;
  const version = d.items.length - user;
  const base = `Live's Supabase-managed schemas (auth, storage, realtime, extensions, …) compared object by object with a pristine platform: ${d.pristine.description}.`;
  if (d.items.length === 0) return `${base} No differences: the project does not change the platform.`;
  const history = d.historyCompared ? '' : ' The history did not replay, so whose change each is rests on ownership alone.';
  return `${base} ${user} change(s) are the project's (the baseline carries them, parity compares them); ${version} are a platform version difference (live runs another release: not compared, never carried).${history}`;
}

export function originLabel(i: Pick<ReportPlatformDeltaItem, 'origin'>): string {
  switch (i.origin) {
    case 'history':
      return 'by the migrations';
    case 'live-only':
      return 'on live, outside the migrations';
    case 'version':
      return 'platform version difference';
  }
}

/** yes / no / left out / not carried / – for the "in baseline" column. */
export function inBaselineLabel(i: ReportPlatformDeltaItem): string {
  if (i.origin === 'version') return 'not carried';
  if (i.leftOut) return 'left out (--no-platform-delta)';
  return i.inBaseline === null ? '–' : i.inBaseline ? 'yes' : 'no';
}

/** The project's items first, then version differences; each group in the report's order. */
export function orderedItems(d: ReportPlatformDelta): ReportPlatformDeltaItem[] {
  return [...d.items.filter((i) => i.origin !== 'version'), ...d.items.filter((i) => i.origin === 'version')];
}

