/**
 * Replay of a Supabase migration history (issue 3): the stage API other parts code against.
 * `replayMigrations` applies files like `supabase db push`; `runReplay` is the whole
 * `squashbase replay` pipeline (discover → shadow → replay → optional snapshot).
 */
export {
  replayMigrations,
  applyFile,
  historyParams,
  type FileReplayResult,
  type ReplayResult,
  type ReplayOptions,
  type ReplayProgressEvent,
  type ReplayError,
} from './replay-core.js';
export { formatReplayError } from './replay-error.js';
export { runReplay, configMajor, type RunReplayOptions, type RunReplayResult } from './replay-run.js';
export { renderReplay, renderFileLine, progressPrinter } from './replay-render.js';
