import { parseDbUrl } from '../db/connection.js';
import { SquashbaseError } from '../errors.js';
import type { ShadowRequest } from '../shadow/shadow.js';

/** The shadow flags several commands share (parity, baseline, consolidate, replay, inspect --platform-delta). */
export interface ShadowFlags {
  shadow?: string;
  shadowUrl?: string;
  allowVersionMismatch?: boolean;
  pristineUrl?: string;
}

/**
 * --shadow / --shadow-url / --allow-version-mismatch / --pristine-url → the shadow options of
 * runParity, runReplay and the platform delta (each adds the major and live itself). In a
 * module of its own so that a command using it (inspect) does not load the parity command and
 * everything runParity imports.
 */
export function shadowFlags(opts: ShadowFlags): ShadowRequest {
  const provider = opts.shadowUrl ? 'url' : (opts.shadow ?? 'embedded');
  if (provider !== 'embedded' && provider !== 'docker' && provider !== 'url') {
    throw new SquashbaseError('USAGE', `Unknown shadow provider "${provider}".`, { hint: 'Use --shadow embedded, --shadow docker, or --shadow-url URL.' });
  }
  if (opts.shadowUrl && opts.shadow && opts.shadow !== 'url') {
    throw new SquashbaseError('USAGE', '--shadow and --shadow-url cannot be combined.', { hint: '--shadow-url already selects the "url" provider.' });
  }
  const shadow: ShadowRequest = { provider };
  if (opts.shadowUrl) {
    parseDbUrl(opts.shadowUrl, '--shadow-url'); // validates early and registers the password for redaction
    shadow.url = opts.shadowUrl;
  }
  if (opts.allowVersionMismatch) shadow.allowVersionMismatch = true;
  if (opts.pristineUrl) shadow.pristine = parseDbUrl(opts.pristineUrl, '--pristine-url');
  return shadow;
}
