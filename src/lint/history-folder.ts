import { stat } from 'node:fs/promises';
import { SquashbaseError } from '../errors.js';

/**
 * A lint of a folder that does not exist is not a clean lint: `lint --workdir typo` used to
 * print "0 file(s)" and exit 0. The workdir must exist; the migrations folder must exist
 * unless there is a live database to lint (security lints alone are a valid run).
 */
export async function assertLintable(workdir: string, migrationsDir: string, explicitDir: boolean, hasTarget: boolean): Promise<void> {
  if (!(await isDirectory(workdir))) {
    throw new SquashbaseError('USAGE', `The workdir ${workdir} does not exist or is not a folder.`, {
      hint: 'Pass --workdir <project root> (the folder holding supabase/migrations), or run from it.',
    });
  }
  if ((explicitDir || !hasTarget) && !(await isDirectory(migrationsDir))) {
    throw new SquashbaseError('USAGE', `There is no migrations folder at ${migrationsDir}: nothing to lint.`, {
      hint: explicitDir ? 'Check --migrations-dir.' : 'Pass --workdir <project root> or --migrations-dir <folder>; with --db-url alone, only the live database is linted.',
    });
  }
}

async function isDirectory(p: string): Promise<boolean> {
  const st = await stat(p).catch(() => undefined);
  return st?.isDirectory() ?? false;
}
