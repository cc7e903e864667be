import { secretsNeeded } from './secrets-needed.js';
import { EXIT } from '../exit-codes.js';
import type { ObjectKind, Snapshot } from '../introspect/snapshot-types.js';
import { buildKindRows } from './kind-rows.js';
import {
  REPORT_FORMAT,
  REPORT_FORMAT_VERSION,
  type ParityReport,
  type ReportMigrationFile,
  type ReportNotModelled,
  type ReportPlatformDelta,
  type ReportReplayFile,
  type ReportStandIn,
  type ReportWarning,
  type Verdict,
} from './report-model.js';
import { VERSION } from '../version.js';
import { compareSnapshots } from './compare.js';
import type { PgDumpCheck } from './pg-dump-check.js';
import type { Comparison } from './types.js';

/** Everything a report is made of; runParity gathers it, tests build it by hand. */
export interface ReportInputs {
  runId: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Redacted target display. */
  target: string;
  live: Snapshot;
  /** The history replayed in a shadow; null when it failed or did not run. */
  history: Snapshot | null;
  /** The baseline applied to a shadow; null when it failed or did not run. */
  baseline: Snapshot | null;
  shadow: ParityReport['postgres']['shadow'];
  versionMismatchAllowed: boolean;
  migrations: { dir: string; files: ReportMigrationFile[]; skipped: { fileName: string; reason: string }[] };
  replay: { ok: boolean; files: ReportReplayFile[] } | null;
  baselineInfo: ParityReport['baseline'];
  standIns: ReportStandIn[];
  warnings: ReportWarning[];
  allowDrift: boolean;
  /** Ids compared only with the history, not the baseline (platform changes left out by --no-platform-delta). */
  baselineExclude?: Set<string>;
  platformDelta?: ReportPlatformDelta | null;
  pgDump?: PgDumpCheck | null;
}

/** Compare L~B and L~H, decide the verdict, and assemble the report (pure). */
export function buildParityReport(input: ReportInputs): ParityReport {
  const exclude = input.baselineExclude ?? new Set<string>();
  const without = (s: Snapshot): Snapshot => (exclude.size ? { ...s, objects: s.objects.filter((o) => !exclude.has(o.id)) } : s);
  const fidelity = input.baseline ? compareSnapshots(without(input.live), without(input.baseline), { referenceLabel: 'live', candidateLabel: 'baseline' }) : null;
  const drift = input.history && input.replay?.ok !== false ? compareSnapshots(input.live, input.history, { referenceLabel: 'live', candidateLabel: 'history' }) : null;
  const liveCounts = new Map<ObjectKind, number>();
  for (const o of input.live.objects) liveCounts.set(o.kind, (liveCounts.get(o.kind) ?? 0) + 1);

  const warnings: ReportWarning[] = [...input.warnings];
  for (const [label, c] of [['live vs baseline', fidelity], ['live vs history', drift]] as const) {
    for (const w of c?.warnings ?? []) warnings.push({ source: `compare (${label})`, code: w.code, message: w.message });
  }
  const shadowMajor = input.shadow?.major;
  return {
    format: REPORT_FORMAT,
    formatVersion: REPORT_FORMAT_VERSION,
    tool: { name: 'squashbase', version: VERSION },
    runId: input.runId,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    durationMs: Math.round(input.durationMs),
    target: input.target,
    verdict: decideVerdict(input, fidelity, drift),
    postgres: {
      live: { version: input.live.server.version, major: input.live.server.major },
      shadow: input.shadow,
      versionMismatch:
        input.versionMismatchAllowed && shadowMajor !== undefined && shadowMajor !== input.live.server.major
          ? { live: input.live.server.major, shadow: shadowMajor, allowed: true }
          : null,
    },
    migrations: input.migrations,
    replay: input.replay,
    baseline: input.baselineInfo,
    standIns: input.standIns,
    secretsNeeded: secretsNeeded(input.live),
    warnings,
    kinds: buildKindRows(liveCounts, fidelity, drift),
    notModelled: notModelledRows(input),
    platformDelta: input.platformDelta ?? null,
    pgDump: input.pgDump ?? null,
    fidelity,
    drift,
  };
}

function differenceCount(c: Comparison): number {
  return c.totals.only_in_reference + c.totals.only_in_candidate + c.totals.changed;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The census's not-modelled objects of live, and whether each shadow has one of the same identity. */
function notModelledRows(input: Pick<ReportInputs, 'live' | 'baseline' | 'history'>): ReportNotModelled[] {
  const identities = (s: Snapshot | null) => (s ? new Set((s.notModelled ?? []).map((n) => `${n.catalog}\u0000${n.identity}`)) : null);
  const inBaseline = identities(input.baseline);
  const inHistory = identities(input.history);
  return (input.live.notModelled ?? []).map((n) => {
    const key = `${n.catalog}\u0000${n.identity}`;
    return { ...n, inBaseline: inBaseline ? inBaseline.has(key) : null, inHistory: inHistory ? inHistory.has(key) : null };
  });
}

/**
 * "exactly" only when the census found nothing unmodelled; otherwise the sentence names what
 * parity could not check (the first few, then a count).
 */
function rebuilds(live: Pick<Snapshot, 'notModelled'> | undefined): string {
  const missing = live?.notModelled ?? [];
  if (missing.length === 0) return 'The baseline rebuilds the live schema exactly';
  const shown = missing.slice(0, 3).map((n) => n.identity).join(', ');
  const more = missing.length > 3 ? ` and ${missing.length - 3} more` : '';
  return `The baseline rebuilds every modelled object of the live schema, but ${plural(missing.length, 'object')} squashbase does not model could not be checked (${shown}${more}; see "Not modelled")`;
}

/** Order matters: an unfaithful baseline is worse than drift, and a failed stage means "not checked". */
export function decideVerdict(
  input: Pick<ReportInputs, 'allowDrift' | 'replay' | 'baselineInfo'> & { live?: Pick<Snapshot, 'notModelled'>; pgDump?: PgDumpCheck | null },
  fidelity: Comparison | null,
  drift: Comparison | null,
): Verdict {
  const allowDrift = input.allowDrift;
  const exactly = rebuilds(input.live);
  const fidelityState: Verdict['fidelity'] = fidelity ? (fidelity.identical ? 'identical' : 'different') : 'not_checked';
  const driftState: Verdict['drift'] = drift ? (drift.identical ? 'none' : 'found') : 'not_checked';
  const base = { fidelity: fidelityState, drift: driftState, allowDrift, notModelled: input.live?.notModelled?.length ?? 0 };
  const driftNote = drift && !drift.identical ? ` Live has also drifted from its migration history (${plural(differenceCount(drift), 'difference')}).` : '';

  if (!fidelity) {
    return {
      ...base,
      status: 'baseline_failed',
      exitCode: EXIT.BASELINE_FAILED,
      summary: `The baseline did not apply to a fresh shadow database, so its fidelity could not be checked.${driftNote}`,
    };
  }
  if (!fidelity.identical) {
    return {
      ...base,
      status: 'unfaithful',
      exitCode: EXIT.BASELINE_UNFAITHFUL,
      summary: `The baseline does not rebuild the live schema: ${plural(differenceCount(fidelity), 'difference')} between live and the baseline.${driftNote}`,
    };
  }
  // Both say "identical" or the audit cannot rest on either: pg_dump is the oracle squashbase did not write.
  if (input.pgDump?.status === 'different' && base.notModelled === 0) {
    return {
      ...base,
      status: 'parity_disagrees',
      exitCode: EXIT.PARITY_DISAGREEMENT,
      summary: `The snapshot comparison finds the baseline identical to live, but pg_dump --schema-only of the two differs by ${plural(input.pgDump.differingLines, 'line')}: parity itself is wrong here (see "pg_dump second opinion"); please report it.${driftNote}`,
    };
  }
  if (!drift) {
    const failed = input.replay?.files.find((f) => f.status === 'failed');
    return {
      ...base,
      status: 'replay_failed',
      exitCode: EXIT.REPLAY_FAILED,
      summary: `${exactly}, but the migration history failed to replay${failed ? ` (${failed.fileName})` : ''}, so drift could not be checked.`,
    };
  }
  if (!drift.identical) {
    const n = plural(differenceCount(drift), 'difference');
    return allowDrift
      ? {
          ...base,
          status: 'drift_allowed',
          exitCode: EXIT.OK,
          summary: `${exactly}; live has drifted from its migration history (${n}), allowed by --allow-drift.`,
        }
      : {
          ...base,
          status: 'drift',
          exitCode: EXIT.DRIFT,
          summary: `${exactly}, but live has drifted from its migration history (${n}).`,
        };
  }
  return {
    ...base,
    status: 'pass',
    exitCode: EXIT.OK,
    summary: `${exactly}, and live matches its migration history.`,
  };
}
