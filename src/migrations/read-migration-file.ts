import { readFile } from 'node:fs/promises';
import { SquashbaseError } from '../errors.js';

/**
 * The bytes of one migration file. A file that cannot be read (permissions, a directory or a
 * dangling link under a .sql name) is invalid input, not a squashbase bug: MIGRATIONS_INVALID
 * (exit 10) naming the file and why.
 */
export async function readMigrationBytes(path: string, fileName: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new SquashbaseError('MIGRATIONS_INVALID', `Migration file ${fileName} cannot be read (${code}).`, {
      hint: code === 'EACCES' ? `Give the user running squashbase read access to ${path}.` : `Check ${path}: it must be a readable regular file.`,
      cause: err,
      details: { file: fileName },
    });
  }
}
