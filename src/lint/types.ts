/** Lint result shapes. Findings are plain data; renderers live in render.ts. */

export type Severity = 'error' | 'warn' | 'info';

/** Destructive-statement verdicts (D rules). */
export type Classification = 'safe' | 'risky' | 'needs-review';

export interface Finding {
  /** Stable code, e.g. C004, D001, S0013. */
  rule: string;
  /** Slug, e.g. data-statement. */
  name: string;
  severity: Severity;
  message: string;
  hint: string;
  /** Migration file name (relative to supabase/migrations), null for live-database findings. */
  file: string | null;
  line: number | null;
  column: number | null;
  /** Database object for live findings, e.g. "public"."profiles". */
  object?: string;
  classification?: Classification;
  /** Present when a suppression with a reason matched. */
  suppressed?: { reason: string; source: 'inline' | 'config' };
}

export interface RuleInfo {
  code: string;
  name: string;
  category: 'consolidation' | 'order' | 'destructive' | 'security' | 'lint';
  severity: Severity;
  summary: string;
}
