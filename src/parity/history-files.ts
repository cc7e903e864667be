import { resolve } from 'node:path';
import type { MigrationSet } from '../migrations/discover.js';

/** The header line every squashbase baseline starts with (templates/baseline/header.sql). */
const BASELINE_HEADER = /^-- squashbase baseline \S+/m;

/** True when a migration file's text is a baseline squashbase generated. */
export function isSquashbaseBaseline(sql: string): boolean {
  return BASELINE_HEADER.test(sql.slice(0, 400));
}

/**
 * Which files make up the history H. A baseline that sits in supabase/migrations next to the
 * files it replaces (after `squashbase baseline`, before `consolidate` archives them) is not
 * history: replaying it after them would collide (and its guard refuses), so it is left out.
 * Once the old files are archived, the baseline is the first file and *is* the history.
 */
export function historyFiles(set: MigrationSet, baselinePath?: string): { set: MigrationSet; excluded: { fileName: string; reason: string }[] } {
  const target = baselinePath ? resolve(baselinePath) : undefined;
  const excluded: { fileName: string; reason: string }[] = [];
  const files = set.files.filter((f, i) => {
    if (i === 0) return true;
    const isChecked = target !== undefined && resolve(f.path) === target;
    if (!isChecked && !isSquashbaseBaseline(f.sql)) return true;
    excluded.push({
      fileName: f.fileName,
      reason: `${isChecked ? 'the baseline under check' : 'a squashbase baseline'}; it replaces the ${i} file${i === 1 ? '' : 's'} before it, so it is not replayed as history`,
    });
    return false;
  });
  return { set: { ...set, files, skipped: [...set.skipped, ...excluded] }, excluded };
}
