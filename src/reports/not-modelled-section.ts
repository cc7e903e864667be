import type { ReportNotModelled } from '../parity/report-model.js';

/** Intro sentence of the "Not modelled" section, shared by the Markdown and HTML renderers. */
export function notModelledIntro(rows: readonly ReportNotModelled[]): string {
  if (rows.length === 0) return 'None: the census found no user-owned object that squashbase does not model, so the comparison above covers everything.';
  return `The census found ${rows.length} object(s) on live that squashbase does not model. The baseline does not create them and parity could not compare them; only whether a shadow has an object of the same identity is shown.`;
}

/** yes / no / – (that shadow did not run). */
export function presence(v: boolean | null): string {
  return v === null ? '–' : v ? 'yes' : 'no';
}
