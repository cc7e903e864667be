/**
 * Git state of the migrations folder (F6): consolidate moves files, so uncommitted changes
 * under supabase/, a merge or rebase in progress, a detached HEAD, or no repository at all
 * are flagged before anything moves.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { runTool } from '../pg-tools.js';
import type { CheckResult } from '../check-types.js';

async function git(cwd: string, args: string[]): Promise<{ code: number | null; stdout: string }> {
  try {
    const r = await runTool('git', ['-C', cwd, ...args], { env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } });
    return { code: r.code, stdout: r.stdout };
  } catch {
    return { code: 127, stdout: '' };
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

export async function checkGitState(workdir: string): Promise<CheckResult> {
  const supabaseDir = path.join(workdir, 'supabase');
  const migrations = path.join(supabaseDir, 'migrations');
  if (!(await exists(migrations))) {
    return { id: 'git-state', status: 'warn', message: `No supabase/migrations folder in ${workdir}.`, hint: 'Run from the project root or pass --workdir.' };
  }
  const top = await git(workdir, ['rev-parse', '--show-toplevel']);
  if (top.code !== 0) {
    return {
      id: 'git-state',
      status: 'warn',
      message: `${workdir} is not inside a git repository (or git is not installed).`,
      hint: 'consolidate keeps the old files in the archive, but without git there is no second copy: commit the project first, or pass --no-git to consolidate.',
    };
  }
  const problems: string[] = [];
  const details: Record<string, unknown> = {};
  const gitDir = (await git(workdir, ['rev-parse', '--absolute-git-dir'])).stdout.trim();
  const states: [string, string][] = [
    ['MERGE_HEAD', 'a merge is in progress'],
    ['rebase-merge', 'a rebase is in progress'],
    ['rebase-apply', 'a rebase or am is in progress'],
    ['CHERRY_PICK_HEAD', 'a cherry-pick is in progress'],
    ['REVERT_HEAD', 'a revert is in progress'],
    ['BISECT_LOG', 'a bisect is in progress'],
  ];
  for (const [file, label] of states) if (gitDir && (await exists(path.join(gitDir, file)))) problems.push(label);
  const head = await git(workdir, ['symbolic-ref', '-q', 'HEAD']);
  if (head.code !== 0) problems.push('HEAD is detached');
  const status = await git(workdir, ['status', '--porcelain=v1', '--untracked-files=all', '--', supabaseDir]);
  const dirty = status.stdout.split('\n').filter((l) => l.trim() !== '');
  if (dirty.length > 0) {
    details['dirty'] = dirty.slice(0, 50);
    problems.push(`${dirty.length} uncommitted change(s) under supabase/: ${dirty.slice(0, 5).map((l) => l.slice(3)).join(', ')}${dirty.length > 5 ? ', …' : ''}`);
  }
  if (problems.length > 0) {
    return {
      id: 'git-state',
      status: 'warn',
      message: `Git: ${problems.join('; ')}.`,
      hint: 'Commit or stash your changes and finish any merge/rebase first; consolidate refuses a dirty tree unless --allow-dirty.',
      details,
    };
  }
  return { id: 'git-state', status: 'pass', message: 'Git: clean working tree under supabase/, on a branch, no merge or rebase in progress.' };
}
