import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

export interface GitState {
  /** false when the workdir is not inside a git work tree (or git is not installed). */
  repository: boolean;
  /** Uncommitted (staged, unstaged or untracked) paths under the migrations folder, relative to workdir. */
  dirty: { path: string; status: string; sha256?: string }[];
  /** A merge, rebase, cherry-pick or revert in progress. */
  operationInProgress?: string;
  detachedHead: boolean;
}

function git(args: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } }, (err, stdout) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 127) : 0;
      resolve({ code, stdout: String(stdout) });
    });
  });
}

/**
 * Git's view of the migrations folder (F6): uncommitted changes there would be moved or
 * overwritten by the archive step, and git is the second copy of every archived file (I3).
 */
export async function readGitState(workdir: string, migrationsDir: string): Promise<GitState> {
  const top = await git(['rev-parse', '--show-toplevel'], workdir);
  if (top.code !== 0) return { repository: false, dirty: [], detachedHead: false };
  const root = top.stdout.trim();
  const rel = relative(root, migrationsDir) || '.';
  const st = await git(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', rel], root);
  const dirty: GitState['dirty'] = [];
  const parts = st.stdout.split('\0').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i]!;
    const status = entry.slice(0, 2);
    const p = entry.slice(3);
    if (status.startsWith('R') || status.startsWith('C')) i++; // the next part is the rename source
    let sha256: string | undefined;
    try {
      sha256 = createHash('sha256').update(await readFile(join(root, p))).digest('hex');
    } catch {
      sha256 = undefined;
    }
    dirty.push({ path: relative(workdir, join(root, p)), status: status.trim(), ...(sha256 ? { sha256 } : {}) });
  }
  let operationInProgress: string | undefined;
  for (const [marker, label] of [['MERGE_HEAD', 'merge'], ['rebase-merge', 'rebase'], ['rebase-apply', 'rebase'], ['CHERRY_PICK_HEAD', 'cherry-pick'], ['REVERT_HEAD', 'revert']] as const) {
    const p = await git(['rev-parse', '--git-path', marker], root);
    try {
      await readFile(join(root, p.stdout.trim())).catch(async (e: NodeJS.ErrnoException) => {
        if (e.code === 'EISDIR') return Buffer.alloc(0);
        throw e;
      });
      operationInProgress = label;
      break;
    } catch {
      // not in progress
    }
  }
  const head = await git(['symbolic-ref', '-q', 'HEAD'], root);
  return { repository: true, dirty, ...(operationInProgress ? { operationInProgress } : {}), detachedHead: head.code !== 0 };
}
