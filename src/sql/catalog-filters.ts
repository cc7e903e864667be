/**
 * SQL fragments shared by catalog queries. Kept beside the quoting module because they build
 * SQL text: the class name goes through literal(), the object expression is code-owned.
 */
import { literal } from './ident.js';

/** `NOT EXISTS (…)`: the object is not a member of any extension (pg_depend deptype 'e'). */
export function notExtensionMember(catalog: string, objidExpr: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = ${literal(catalog)}::regclass AND d.objid = ${objidExpr} AND d.deptype = 'e')`;
}
