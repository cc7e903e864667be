/**
 * Order problems across the history:
 * O001 — a statement calls a function (FuncCall, EXECUTE FUNCTION) that only a LATER migration
 *        creates: the history cannot replay in order (files were renamed or edited after apply).
 * O002 — a trigger function that no CREATE TRIGGER in the history uses: typically
 *        handle_new_user() whose auth.users trigger was made in the dashboard.
 * Function bodies are strings and are not looked into.
 */
import { funcName, names, walk } from '../ast.js';
import { qualified } from '../../sql/ident.js';
import { finding } from '../finding.js';
import type { LintFile, LintStatement } from '../load.js';
import type { Finding } from '../types.js';

interface Pos {
  file: LintFile;
  stmt: LintStatement;
  order: number;
  schema: string;
  name: string;
}

const at = (p: { file: LintFile; stmt: LintStatement }) => ({ file: p.file.fileName, line: p.stmt.line, column: p.stmt.column });

function creations(files: LintFile[]): Pos[] {
  const out: Pos[] = [];
  let order = 0;
  for (const file of files) {
    for (const stmt of file.statements) {
      order++;
      if (stmt.kind !== 'CreateFunctionStmt' || !stmt.node) continue;
      const fn = funcName(stmt.node['funcname']);
      if (fn) out.push({ file, stmt, order, schema: fn.schema ?? 'public', name: fn.name });
    }
  }
  return out;
}

/** O001 and O002. */
export function orderRules(files: LintFile[]): Finding[] {
  const out: Finding[] = [];
  const parsed = files.filter((f) => f.parsed);
  const created = creations(parsed);
  const byName = new Map<string, Pos[]>();
  for (const c of created) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);

  const triggerUses = new Set<string>();
  let order = 0;
  for (const file of parsed) {
    for (const stmt of file.statements) {
      order++;
      if (!stmt.node) continue;
      const used: { schema: string | null; name: string }[] = [];
      if (stmt.kind === 'CreateTrigStmt' || stmt.kind === 'CreateEventTrigStmt') {
        const fn = funcName(stmt.node['funcname']);
        if (fn) {
          used.push(fn);
          if (stmt.kind === 'CreateTrigStmt') triggerUses.add(`${fn.schema ?? '*'}.${fn.name}`);
        }
      }
      if (stmt.kind !== 'CreateFunctionStmt') {
        walk(stmt.node, (kind, body) => {
          if (kind === 'FuncCall') {
            const fn = funcName(body['funcname']);
            if (fn) used.push(fn);
          }
        });
      }
      const reported = new Set<string>();
      for (const u of used) {
        const candidates = (byName.get(u.name) ?? []).filter((c) => u.schema === null || c.schema === u.schema);
        if (candidates.length === 0) continue; // built-in or platform function
        if (candidates.some((c) => c.order < order)) continue;
        const later = candidates[0]!;
        const label = `${u.schema ? u.schema + '.' : ''}${u.name}()`;
        if (reported.has(label)) continue;
        reported.add(label);
        out.push(
          finding(
            'O001',
            { file: file.fileName, line: stmt.line, column: stmt.column },
            `${label} is used here but only created later, in ${later.file.fileName} (line ${later.stmt.line}).`,
            'Replaying the history in order fails here. The files were probably renamed or edited after they ran; the baseline is built from the live schema, but check that production has the same function.',
          ),
        );
      }
    }
  }

  // O002: trigger functions never attached by a CREATE TRIGGER, and not dropped later.
  const dropped = new Set<string>();
  for (const file of parsed) {
    for (const stmt of file.statements) {
      if (stmt.kind !== 'DropStmt' || stmt.node?.['removeType'] !== 'OBJECT_FUNCTION') continue;
      for (const o of (stmt.node['objects'] as unknown[] | undefined) ?? []) {
        const n = names(((o as { ObjectWithArgs?: { objname?: unknown } }).ObjectWithArgs ?? {}).objname);
        if (n.length) dropped.add(`${n.length > 1 ? n[n.length - 2] : 'public'}.${n[n.length - 1]}`);
      }
    }
  }
  const seen = new Set<string>();
  for (const c of created) {
    const ret = names((c.stmt.node?.['returnType'] as { names?: unknown } | undefined)?.names);
    if (ret[ret.length - 1] !== 'trigger') continue;
    const key = `${c.schema}.${c.name}`;
    if (seen.has(key) || dropped.has(key)) continue;
    seen.add(key);
    if (triggerUses.has(key) || triggerUses.has(`*.${c.name}`)) continue;
    const authHook = /new_user|auth/i.test(c.name);
    out.push(
      finding(
        'O002',
        { ...at(c), object: `${qualified(c.schema, c.name)}()` },
        `Trigger function ${key}() is created but no migration creates a trigger that calls it.`,
        authHook
          ? 'The classic case: the auth.users trigger was made in the dashboard, so fresh environments built from the history never run it. Add e.g. `create trigger on_auth_user_created after insert on auth.users for each row execute function ' + key + '();` (the baseline keeps the live trigger).'
          : 'Either a trigger made outside migrations calls it (the baseline keeps live triggers), or the function is dead code.',
      ),
    );
  }
  return out;
}
