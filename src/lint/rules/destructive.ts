/**
 * Destructive statements (D001–D005), each classified by what the history itself shows:
 * - safe: the table was created earlier in this history and no migration put rows in it;
 * - risky: migrations put rows in it (they are lost), or an unbounded DELETE/UPDATE hits a
 *   table the history did not create;
 * - needs-review: the table predates the history (or is a platform table): only production
 *   knows what was there.
 * Historic statements already ran on production; the point is to know what data the history
 * threw away and whether fresh environments replaying it lose anything they should keep.
 */
import { names, rangeVar, relKey } from '../ast.js';
import { severityFor } from '../catalogue.js';
import { finding } from '../finding.js';
import type { LintFile, LintStatement } from '../load.js';
import type { Classification, Finding } from '../types.js';

interface TableState {
  createdIn: string;
  populatedBy: string | null;
}

const VERDICT: Record<Classification, string> = {
  safe: 'safe',
  risky: 'risky',
  'needs-review': 'needs review',
};

function classify(state: TableState | undefined): { c: Classification; why: string } {
  if (!state) return { c: 'needs-review', why: 'the table is not created by this history (it predates it or belongs to the platform)' };
  if (state.populatedBy) return { c: 'risky', why: `${state.populatedBy} put rows in it` };
  return { c: 'safe', why: `created in ${state.createdIn} and no migration put rows in it` };
}

/** D001–D005. */
export function destructiveRules(files: LintFile[]): Finding[] {
  const out: Finding[] = [];
  const tables = new Map<string, TableState>();
  const emit = (rule: string, f: LintFile, s: LintStatement, c: Classification, message: string, hint: string) => {
    const fd = finding(rule, { file: f.fileName, line: s.line, column: s.column }, `${message} — ${VERDICT[c]}.`, hint, severityFor(c));
    fd.classification = c;
    out.push(fd);
  };
  const populate = (key: string, by: string) => {
    const t = tables.get(key);
    if (t && !t.populatedBy) t.populatedBy = by;
  };

  for (const f of files) {
    if (!f.parsed) continue;
    for (const s of f.statements) {
      const n = s.node;
      if (!n) continue;
      const where = `${f.fileName}:${s.line}`;
      switch (s.kind) {
        case 'CreateStmt': {
          const rel = rangeVar(n['relation']);
          if (rel) tables.set(relKey(rel), { createdIn: f.fileName, populatedBy: null });
          break;
        }
        case 'CreateTableAsStmt': {
          const into = (n['into'] as { rel?: unknown } | undefined)?.rel;
          const rel = rangeVar(into);
          if (rel) tables.set(relKey(rel), { createdIn: f.fileName, populatedBy: `CREATE TABLE AS at ${where}` });
          break;
        }
        case 'InsertStmt':
        case 'MergeStmt': {
          const rel = rangeVar(n['relation']);
          if (rel) populate(relKey(rel), `INSERT at ${where}`);
          break;
        }
        case 'CopyStmt': {
          const rel = rangeVar(n['relation']);
          if (rel && n['is_from']) populate(relKey(rel), `COPY at ${where}`);
          break;
        }
        case 'RenameStmt': {
          if (n['renameType'] !== 'OBJECT_TABLE') break;
          const rel = rangeVar(n['relation']);
          const to = n['newname'] as string | undefined;
          if (rel && to) {
            const st = tables.get(relKey(rel));
            tables.delete(relKey(rel));
            if (st) tables.set(relKey({ schema: rel.schema, name: to }), st);
          }
          break;
        }
        case 'DropStmt': {
          if (n['removeType'] !== 'OBJECT_TABLE') break;
          for (const o of (n['objects'] as unknown[] | undefined) ?? []) {
            const parts = names((o as { List?: { items?: unknown } }).List?.items);
            if (parts.length === 0) continue;
            const key = `${parts.length > 1 ? parts[parts.length - 2] : 'public'}.${parts[parts.length - 1]}`;
            const { c, why } = classify(tables.get(key));
            emit('D001', f, s, c, `DROP TABLE ${key}: ${why}`, c === 'safe' ? 'Nothing to carry over.' : 'Confirm the rows were meant to go (production lost them when this ran); suppress with the reason once reviewed.');
            tables.delete(key);
          }
          break;
        }
        case 'TruncateStmt': {
          for (const r of (n['relations'] as unknown[] | undefined) ?? []) {
            const rel = rangeVar(r);
            if (!rel) continue;
            const { c, why } = classify(tables.get(relKey(rel)));
            emit('D004', f, s, c, `TRUNCATE ${relKey(rel)}: ${why}`, 'TRUNCATE in a migration empties the table in every environment that replays it; confirm it was intended.');
          }
          break;
        }
        case 'DeleteStmt':
        case 'UpdateStmt': {
          if (n['whereClause']) break;
          const rel = rangeVar(n['relation']);
          if (!rel) break;
          const st = tables.get(relKey(rel));
          // An unbounded write to a table the history did not create touches every production row.
          const c: Classification = !st ? 'risky' : st.populatedBy ? 'risky' : 'safe';
          const why = !st ? 'the table is not created by this history, so every existing row is affected' : classify(st).why;
          emit('D005', f, s, c, `${s.kind === 'DeleteStmt' ? 'DELETE' : 'UPDATE'} without WHERE on ${relKey(rel)}: ${why}`, 'An unbounded DELETE/UPDATE rewrites every row; confirm it was intended and that the baseline/seed reflect the result.');
          break;
        }
        case 'AlterTableStmt': {
          const rel = rangeVar(n['relation']);
          if (!rel) break;
          for (const cmd of (n['cmds'] as unknown[] | undefined) ?? []) {
            const c = (cmd as { AlterTableCmd?: Record<string, unknown> }).AlterTableCmd;
            if (!c) continue;
            const col = String(c['name'] ?? '?');
            if (c['subtype'] === 'AT_DropColumn') {
              const v = classify(tables.get(relKey(rel)));
              emit('D002', f, s, v.c, `DROP COLUMN ${relKey(rel)}.${col}: ${v.why}`, 'The column\'s values are gone in every environment; confirm nothing still needs them.');
            } else if (c['subtype'] === 'AT_AlterColumnType') {
              const st = tables.get(relKey(rel));
              const v: Classification = st && !st.populatedBy ? 'safe' : 'needs-review';
              const using = Boolean((c['def'] as { ColumnDef?: { raw_default?: unknown } } | undefined)?.ColumnDef?.raw_default);
              emit(
                'D003',
                f,
                s,
                v,
                `ALTER COLUMN ${relKey(rel)}.${col} TYPE${using ? ' … USING' : ''}: ${st && !st.populatedBy ? classify(st).why : 'existing values are converted'}`,
                'A type change rewrites the table and can truncate or round values (e.g. text → varchar(n), numeric scale); check the conversion on production data.',
              );
            }
          }
          break;
        }
        default:
          break;
      }
    }
  }
  return out;
}
