/**
 * The census's catalog queries: one row per user-candidate object in every catalog that can
 * hold one. Rows are light (oids and a kind); only the objects that end up not modelled are
 * described (pg_describe_object) afterwards, so the census costs little on large schemas.
 *
 * Row fields: `nsp` is the namespace that decides scope (the object's own, or its table's);
 * `owner` a role that must not be a platform role; `part_of` the catalog key of the object this
 * row is modelled as part of; `identity` is set for rows that have no oid of their own.
 */

/** Catalogs whose rows live in a namespace ($1 = user namespace oids). */
export const CENSUS_NAMESPACED_SQL = `SELECT c.tableoid::text AS classid, c.oid::text AS oid, 'pg_class' AS catalog,
            CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned table' WHEN 'v' THEN 'view'
              WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table'
              WHEN 'c' THEN 'composite type relation' WHEN 'i' THEN 'index' WHEN 'I' THEN 'partitioned index'
              ELSE 'relation (' || c.relkind::text || ')' END AS kind,
            c.relnamespace::text AS nsp
       FROM pg_class c WHERE c.relnamespace = ANY($1::oid[])
     UNION ALL
     SELECT p.tableoid::text, p.oid::text, 'pg_proc',
            CASE p.prokind WHEN 'f' THEN 'function' WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'window function' END,
            p.pronamespace::text
       FROM pg_proc p WHERE p.pronamespace = ANY($1::oid[])
     UNION ALL
     SELECT t.tableoid::text, t.oid::text, 'pg_type',
            CASE t.typtype WHEN 'b' THEN 'base type'
              WHEN 'c' THEN 'composite type' WHEN 'd' THEN 'domain' WHEN 'e' THEN 'enum'
              WHEN 'r' THEN 'range type' WHEN 'm' THEN 'multirange type' ELSE 'pseudo-type' END,
            t.typnamespace::text
       FROM pg_type t WHERE t.typnamespace = ANY($1::oid[])
        -- Array types and relations' row types come with their element / relation (counted there).
        AND NOT (t.typcategory = 'A' AND t.typelem <> 0)
        AND NOT (t.typrelid <> 0 AND t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class rc WHERE rc.oid = t.typrelid AND rc.relkind <> 'c'))
     UNION ALL
     SELECT co.tableoid::text, co.oid::text, 'pg_constraint', 'constraint', co.connamespace::text
       FROM pg_constraint co WHERE co.connamespace = ANY($1::oid[])
     UNION ALL
     SELECT tg.tableoid::text, tg.oid::text, 'pg_trigger', 'trigger', c.relnamespace::text
       FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid WHERE c.relnamespace = ANY($1::oid[])
        AND NOT tg.tgisinternal -- a foreign key's or deferrable unique's triggers: counted as their constraint
     UNION ALL
     SELECT po.tableoid::text, po.oid::text, 'pg_policy', 'policy', c.relnamespace::text
       FROM pg_policy po JOIN pg_class c ON c.oid = po.polrelid WHERE c.relnamespace = ANY($1::oid[])
     UNION ALL
     SELECT r.tableoid::text, r.oid::text, 'pg_rewrite', 'rule', c.relnamespace::text
       FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class WHERE c.relnamespace = ANY($1::oid[])
     UNION ALL
     SELECT s.tableoid::text, s.oid::text, 'pg_statistic_ext', 'extended statistics', s.stxnamespace::text
       FROM pg_statistic_ext s WHERE s.stxnamespace = ANY($1::oid[])
     UNION ALL
     SELECT x.tableoid::text, x.oid::text, 'pg_collation', 'collation', x.collnamespace::text
       FROM pg_collation x WHERE x.collnamespace = ANY($1::oid[])
     UNION ALL
     SELECT x.tableoid::text, x.oid::text, 'pg_conversion', 'conversion', x.connamespace::text
       FROM pg_conversion x WHERE x.connamespace = ANY($1::oid[])
     UNION ALL
     SELECT x.tableoid::text, x.oid::text, 'pg_operator', 'operator', x.oprnamespace::text
       FROM pg_operator x WHERE x.oprnamespace = ANY($1::oid[])
     UNION ALL
     SELECT x.tableoid::text, x.oid::text, 'pg_opclass', 'operator class', x.opcnamespace::text
       FROM pg_opclass x WHERE x.opcnamespace = ANY($1::oid[])
     UNION ALL
     SELECT x.tableoid::text, x.oid::text, 'pg_opfamily', 'operator family', x.opfnamespace::text
       FROM pg_opfamily x WHERE x.opfnamespace = ANY($1::oid[])
     UNION ALL
     SELECT x.tableoid::text, x.oid::text, 'pg_ts_config', 'text search configuration', x.cfgnamespace::text
       FROM pg_ts_config x WHERE x.cfgnamespace = ANY($1::oid[])
     UNION ALL
     SELECT x.tableoid::text, x.oid::text, 'pg_ts_dict', 'text search dictionary', x.dictnamespace::text
       FROM pg_ts_dict x WHERE x.dictnamespace = ANY($1::oid[])
     UNION ALL
     SELECT x.tableoid::text, x.oid::text, 'pg_ts_parser', 'text search parser', x.prsnamespace::text
       FROM pg_ts_parser x WHERE x.prsnamespace = ANY($1::oid[])
     UNION ALL
     SELECT x.tableoid::text, x.oid::text, 'pg_ts_template', 'text search template', x.tmplnamespace::text
       FROM pg_ts_template x WHERE x.tmplnamespace = ANY($1::oid[])`;

/**
 * Catalogs without a namespace. User-created rows of the built-in-only catalogs (casts,
 * languages, transforms, access methods) have oids >= 16384 (FirstNormalObjectId).
 * pg_user_mapping is read through the pg_user_mappings view (the catalog is superuser-only),
 * pg_subscription without subconninfo (revoked from ordinary roles, and it may hold a password)
 * and without tableoid (a system column outside the columns granted to PUBLIC).
 */
/**
 * (extension, role) pairs the Supabase platform's event triggers grant to when the extension is
 * created (supabase/postgres: extensions.grant_pg_cron_access, grant_pg_net_access, grant_pg_graphql_access).
 */
const PLATFORM_EXTENSION_GRANTS = [
  ['pg_cron', 'postgres'],
  ['pg_net', 'supabase_functions_admin'],
  ['pg_net', 'postgres'],
  ['pg_net', 'anon'],
  ['pg_net', 'authenticated'],
  ['pg_net', 'service_role'],
  ['pg_graphql', 'postgres'],
  ['pg_graphql', 'anon'],
  ['pg_graphql', 'authenticated'],
  ['pg_graphql', 'service_role'],
]
  .map(([ext, role]) => `('${ext}', '${role}')`)
  .join(', ');

export const CENSUS_GLOBAL_SQL = `SELECT w.tableoid::text AS classid, w.oid::text AS oid, 'pg_foreign_data_wrapper' AS catalog, 'foreign-data wrapper' AS kind,
            NULL::text AS nsp, pg_get_userbyid(w.fdwowner)::text AS owner, w.fdwname::text AS name, NULL::text AS part_of, NULL::text AS identity
       FROM pg_foreign_data_wrapper w
     UNION ALL
     SELECT s.tableoid::text, s.oid::text, 'pg_foreign_server', 'foreign server', NULL, pg_get_userbyid(s.srvowner), s.srvname, NULL, NULL
       FROM pg_foreign_server s
     UNION ALL
     SELECT 'pg_user_mapping'::regclass::oid::text, u.umid::text, 'pg_user_mapping', 'user mapping', NULL,
            pg_get_userbyid(s.srvowner), NULL, 'pg_foreign_server'::regclass::oid::text || ':' || u.srvid::text || ':0', NULL
       FROM pg_user_mappings u JOIN pg_foreign_server s ON s.oid = u.srvid
     UNION ALL
     SELECT e.tableoid::text, e.oid::text, 'pg_event_trigger', 'event trigger', p.pronamespace::text, pg_get_userbyid(e.evtowner), e.evtname, NULL, NULL
       FROM pg_event_trigger e JOIN pg_proc p ON p.oid = e.evtfoid
     UNION ALL
     SELECT p.tableoid::text, p.oid::text, 'pg_publication', 'publication', NULL, pg_get_userbyid(p.pubowner), p.pubname, NULL, NULL
       FROM pg_publication p
     UNION ALL
     SELECT r.tableoid::text, r.oid::text, 'pg_publication_rel', 'publication table', c.relnamespace::text, NULL, p.pubname, NULL, NULL
       FROM pg_publication_rel r JOIN pg_class c ON c.oid = r.prrelid JOIN pg_publication p ON p.oid = r.prpubid
     UNION ALL
     SELECT x.tableoid::text, x.oid::text, 'pg_publication_namespace', 'publication schema', x.pnnspid::text, NULL, p.pubname,
            'pg_publication'::regclass::oid::text || ':' || x.pnpubid::text || ':0', NULL
       FROM pg_publication_namespace x JOIN pg_publication p ON p.oid = x.pnpubid
     UNION ALL
     SELECT 'pg_subscription'::regclass::oid::text, x.oid::text, 'pg_subscription', 'subscription', NULL, pg_get_userbyid(x.subowner), x.subname, NULL, NULL
       FROM pg_subscription x WHERE x.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())
     UNION ALL
     SELECT x.tableoid::text, x.oid::text, 'pg_cast', 'cast', NULL, NULL, NULL, NULL, NULL FROM pg_cast x WHERE x.oid >= 16384
     UNION ALL
     SELECT x.tableoid::text, x.oid::text, 'pg_transform', 'transform', NULL, NULL, NULL, NULL, NULL FROM pg_transform x WHERE x.oid >= 16384
     UNION ALL
     SELECT x.tableoid::text, x.oid::text, 'pg_language', 'language', NULL, pg_get_userbyid(x.lanowner), x.lanname, NULL, NULL
       FROM pg_language x WHERE x.oid >= 16384
     UNION ALL
     SELECT x.tableoid::text, x.oid::text, 'pg_am', 'access method', NULL, NULL, x.amname, NULL, NULL FROM pg_am x WHERE x.oid >= 16384
     UNION ALL
     SELECT x.tableoid::text, x.oid::text, 'pg_largeobject_metadata', 'large object', NULL, pg_get_userbyid(x.lomowner), NULL, NULL,
            'large object ' || x.oid::text
       FROM pg_largeobject_metadata x
     UNION ALL
     SELECT x.tableoid::text, x.oid::text, 'pg_default_acl', 'default privileges',
            CASE WHEN x.defaclnamespace <> 0 THEN x.defaclnamespace::text END, pg_get_userbyid(x.defaclrole), NULL, NULL, NULL
       FROM pg_default_acl x
     UNION ALL
     SELECT x.classoid::text, x.objoid::text, 'pg_seclabel', 'security label',
            CASE x.classoid WHEN 'pg_class'::regclass THEN (SELECT c.relnamespace FROM pg_class c WHERE c.oid = x.objoid)
                            WHEN 'pg_proc'::regclass THEN (SELECT p.pronamespace FROM pg_proc p WHERE p.oid = x.objoid)
                            WHEN 'pg_type'::regclass THEN (SELECT t.typnamespace FROM pg_type t WHERE t.oid = x.objoid)
                            WHEN 'pg_namespace'::regclass THEN x.objoid END::text,
            NULL, NULL, NULL,
            'security label (' || x.provider || ') on ' || pg_describe_object(x.classoid, x.objoid, x.objsubid)
       FROM pg_seclabel x WHERE x.objoid >= 16384
     UNION ALL
     -- Privileges changed on an extension's own objects after CREATE EXTENSION: against pg_init_privs when
     -- the script granted something, else against what creation gave (acldefault plus the owner's
     -- default privileges, which Supabase sets for public); revokes of those defaults are not seen.
     -- Grants the platform's own event triggers make when the extension is created
     -- (extensions.grant_pg_*_access) come with every CREATE EXTENSION on
     -- Supabase, so they are the platform's, not the user's.
     SELECT m.classid::text, m.objid::text, 'pg_init_privs', 'changed extension privileges', NULL, NULL, NULL, NULL,
            'privileges on ' || pg_describe_object(m.classid, m.objid, 0)
       FROM (SELECT d.classid, d.objid, e.extname, coalesce(c.relacl, p.proacl, t.typacl, n.nspacl) AS acl,
                    coalesce(c.relowner, p.proowner, t.typowner, n.nspowner) AS owner,
                    coalesce(c.relnamespace, p.pronamespace, t.typnamespace, 0) AS nsp,
                    CASE WHEN c.oid IS NOT NULL THEN CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END
                         WHEN p.oid IS NOT NULL THEN 'f' WHEN t.oid IS NOT NULL THEN 'T' ELSE 'n' END AS objtype,
                    i.initprivs
               FROM pg_depend d
               JOIN pg_extension e ON e.oid = d.refobjid
               LEFT JOIN pg_class c ON d.classid = 'pg_class'::regclass AND c.oid = d.objid
               LEFT JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND p.oid = d.objid
               LEFT JOIN pg_type t ON d.classid = 'pg_type'::regclass AND t.oid = d.objid
               LEFT JOIN pg_namespace n ON d.classid = 'pg_namespace'::regclass AND n.oid = d.objid
               LEFT JOIN pg_init_privs i ON i.classoid = d.classid AND i.objoid = d.objid AND i.objsubid = 0 AND i.privtype = 'e'
              WHERE d.deptype = 'e' AND d.refclassid = 'pg_extension'::regclass AND d.objid >= 16384
                AND d.classid IN ('pg_class'::regclass, 'pg_proc'::regclass, 'pg_type'::regclass, 'pg_namespace'::regclass)) m
      WHERE m.acl IS NOT NULL
        AND EXISTS (SELECT x.grantee, x.privilege_type FROM aclexplode(m.acl) x
                     WHERE NOT EXISTS (SELECT 1 FROM (VALUES ${PLATFORM_EXTENSION_GRANTS}) AS pg(ext, role)
                                        WHERE pg.ext = m.extname AND x.grantee = (SELECT oid FROM pg_roles WHERE rolname = pg.role))
                    EXCEPT
                    SELECT y.grantee, y.privilege_type FROM aclexplode(coalesce(m.initprivs, acldefault(m.objtype::"char", m.owner))) y
                    EXCEPT
                    SELECT z.grantee, z.privilege_type
                      FROM pg_default_acl da, aclexplode(da.defaclacl) z
                     WHERE m.initprivs IS NULL AND da.defaclrole = m.owner AND da.defaclnamespace IN (0, m.nsp)
                       AND da.defaclobjtype = (CASE m.objtype WHEN 's' THEN 'S' ELSE m.objtype END)::"char")`;

/** Identity text of the rows that are not modelled ($1 classids, $2 oids, same length). */
export const CENSUS_DESCRIBE_SQL = `SELECT x.classid::text || ':' || x.objid::text AS key, pg_describe_object(x.classid, x.objid, 0) AS identity
       FROM unnest($1::oid[], $2::oid[]) AS x(classid, objid)`;
