import { readFile } from 'node:fs/promises';
import { SquashbaseError } from '../../errors.js';
import { PLATFORM_FACTS_FORMAT, type PlatformFacts } from './facts-types.js';

/** The fact sheet the bundled model of this major corresponds to (templates/platform/facts/). */
export async function loadPlatformFacts(major: number): Promise<PlatformFacts> {
  const file = `supabase-${major >= 17 ? 17 : 15}.json`;
  const facts = JSON.parse(await readFile(new URL(`../../../templates/platform/facts/${file}`, import.meta.url), 'utf8')) as PlatformFacts;
  if (facts.format !== PLATFORM_FACTS_FORMAT) {
    throw new SquashbaseError('INTERNAL', `templates/platform/facts/${file} is not a ${PLATFORM_FACTS_FORMAT} fact sheet.`, {
      hint: 'Reinstall squashbase; the bundled files are damaged.',
    });
  }
  return facts;
}
