import type { ConnectionTarget } from '../db/connection.js';
import { SquashbaseError } from '../errors.js';
import type { StandIn } from './stand-ins/install.js';

export interface CloneOptions {
  major: number;
  onWarning?: (message: string) => void;
}

export interface CloneResult {
  standIns: StandIn[];
  available: string[];
}

/** Clone the platform part of a live Supabase project into a fresh shadow database. */
export async function cloneFromLive(_target: ConnectionTarget, _live: ConnectionTarget, _opts: CloneOptions): Promise<CloneResult> {
  throw new SquashbaseError('SHADOW_FAILED', 'Cloning the platform from live is not implemented yet.');
}
