import type { CatalogReader } from '../catalog-reader.js';
import { CATALOG, catalogKey, type InspectState } from '../inspect-state.js';

interface CommentRow {
  classid: string;
  objid: string;
  subid: number;
  description: string;
}

/** Catalog query of this loader (exported so inspect can issue it ahead of time). */
export const COMMENTS_SQL = `SELECT d.classoid::text AS classid, d.objoid::text AS objid, d.objsubid AS subid, d.description
       FROM pg_description d
      WHERE d.objoid >= 16384
        AND d.classoid IN ('pg_class'::regclass, 'pg_type'::regclass, 'pg_proc'::regclass, 'pg_constraint'::regclass,
                           'pg_trigger'::regclass, 'pg_policy'::regclass, 'pg_namespace'::regclass, 'pg_extension'::regclass,
                           'pg_event_trigger'::regclass, 'pg_publication'::regclass)`;

/**
 * COMMENT ON … for every snapshot object, from one pg_description scan. View column comments go
 * to ViewProps.columnComments, domain constraint comments to DomainConstraint.comment.
 */
export async function loadComments(client: CatalogReader, state: InspectState): Promise<void> {
  const r = await client.query<CommentRow>(
    COMMENTS_SQL,
  );
  for (const row of r.rows) {
    const key = catalogKey(row.classid, row.objid, row.subid);
    const id = state.exact.get(key);
    if (id) {
      state.objects.get(id)!.comment = row.description;
      continue;
    }
    if (row.classid === CATALOG.pg_class && row.subid > 0) {
      const relId = state.exact.get(catalogKey(row.classid, row.objid));
      const rel = relId ? state.objects.get(relId) : undefined;
      if (rel && (rel.kind === 'view' || rel.kind === 'materialized_view')) {
        const name = rel.props.columns[row.subid - 1];
        if (name !== undefined) rel.props.columnComments = { ...(rel.props.columnComments ?? {}), [name]: row.description };
      }
      continue;
    }
    const dc = state.domainConstraints.get(key);
    if (dc) {
      const domain = state.objects.get(dc.domainId);
      if (domain?.kind === 'domain') {
        const c = domain.props.constraints.find((x) => x.name === dc.name);
        if (c) c.comment = row.description;
      }
    }
  }
}
