// placeholder, replaced below
export type RunReplayOptions = Record<string, never>;
export type RunReplayResult = Record<string, never>;
export async function runReplay(): Promise<never> {
  throw new Error('not yet');
}
