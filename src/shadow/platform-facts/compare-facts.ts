import type { PlatformCatalog, PlatformFacts } from './facts-types.js';

/** One way a database's platform differs from a fact sheet; `object` names it exactly. */
export interface FactDifference {
  group: keyof PlatformCatalog;
  /** missing: in the facts, not in the database; extra: the other way; changed: both, different. */
  status: 'missing' | 'extra' | 'changed';
  object: string;
  /** For 'changed': what differs, facts → database. */
  detail?: string;
}

/**
 * Role names the platform creates (and so the ones a fact sheet and a comparison look at):
 * the API roles, the supabase_* service roles and a few fixed names. Other roles on a server
 * (a test cluster's superuser, users' own roles) are not platform facts.
 */
export function isPlatformRoleName(name: string): boolean {
  return /^supabase_/.test(name) || ['anon', 'authenticated', 'service_role', 'authenticator', 'dashboard_user', 'pgbouncer', 'postgres'].includes(name);
}

export interface CompareOptions {
  /**
   * Roles whose attributes are not compared: the shadow connects as a superuser it needs
   * (the cluster's bootstrap role), which a Supabase project's postgres is not.
   */
  ignoreRoleAttributes?: readonly string[];
  /** Extensions the database has as stand-ins or extras that are not differences (e.g. stand-ins a test installs). */
  ignoreExtensions?: readonly string[];
}

/** Compare a database's platform catalog with a fact sheet, object by object. */
export function compareWithFacts(facts: PlatformFacts, db: PlatformCatalog, opts: CompareOptions = {}): FactDifference[] {
  const out: FactDifference[] = [];
  const ignoreAttrs = new Set(opts.ignoreRoleAttributes ?? []);
  const ignoreExt = new Set(opts.ignoreExtensions ?? []);
  const managed = new Set(facts.schemas.map((s) => s.name));

  diffKeyed(out, 'roles', facts.roles, db.roles.filter((r) => isPlatformRoleName(r.name)), (r) => r.name, (f, d) =>
    ignoreAttrs.has(f.name) ? [] : listDiff('attributes', f.attributes, d.attributes));
  diffKeyed(out, 'memberships', facts.memberships, db.memberships.filter((m) => isPlatformRoleName(m.member)),
    (m) => `${m.role} → ${m.member}`, (f, d) => (f.admin === d.admin ? [] : [`admin option ${f.admin} → ${d.admin}`]));
  diffKeyed(out, 'schemas', facts.schemas, db.schemas, (s) => s.name, (f, d) => [
    ...(f.owner === d.owner ? [] : [`owner ${f.owner} → ${d.owner}`]), ...listDiff('acl', f.acl, d.acl)]);
  diffKeyed(out, 'extensions', facts.extensions, db.extensions.filter((e) => !ignoreExt.has(e.name) || facts.extensions.some((f) => f.name === e.name)),
    (e) => e.name, (f, d) => (f.schema === d.schema ? [] : [`schema ${f.schema} → ${d.schema}`]));
  diffKeyed(out, 'types', facts.types, db.types, (t) => `${t.schema}.${t.name}`, (f, d) => [
    ...(f.kind === d.kind ? [] : [`kind ${f.kind} → ${d.kind}`]), ...(f.owner === d.owner ? [] : [`owner ${f.owner} → ${d.owner}`]),
    ...(f.definition.join(',') === d.definition.join(',') ? [] : [`definition ${f.definition.join(', ')} → ${d.definition.join(', ')}`])]);
  diffKeyed(out, 'tables', facts.tables, db.tables, (t) => `${t.schema}.${t.name}`, (f, d) => {
    const diffs: string[] = [];
    if (f.kind !== d.kind) diffs.push(`kind ${f.kind} → ${d.kind}`);
    if (f.owner !== d.owner) diffs.push(`owner ${f.owner} → ${d.owner}`);
    if (f.rls !== d.rls) diffs.push(`row level security ${f.rls} → ${d.rls}`);
    const dc = new Map(d.columns.map((c) => [c.name, c]));
    const fc = new Map(f.columns.map((c) => [c.name, c]));
    for (const c of f.columns) {
      const other = dc.get(c.name);
      if (!other) diffs.push(`column ${c.name} missing`);
      else if (other.type !== c.type || other.notNull !== c.notNull) diffs.push(`column ${c.name} ${c.type}${c.notNull ? ' not null' : ''} → ${other.type}${other.notNull ? ' not null' : ''}`);
      else if (other.default !== c.default) diffs.push(`column ${c.name} default ${c.default ?? 'none'} → ${other.default ?? 'none'}`);
    }
    for (const c of d.columns) if (!fc.has(c.name)) diffs.push(`column ${c.name} extra`);
    return [...diffs, ...listDiff('constraints', f.constraints, d.constraints), ...listDiff('grants', f.acl, d.acl)];
  });
  diffKeyed(out, 'functions', facts.functions, db.functions, (f) => `${f.schema}.${f.name}(${f.args})`, (f, d) => [
    ...(f.returns === d.returns ? [] : [`returns ${f.returns} → ${d.returns}`]),
    ...(f.owner === d.owner ? [] : [`owner ${f.owner} → ${d.owner}`]),
    ...(f.securityDefiner === d.securityDefiner ? [] : [`security definer ${f.securityDefiner} → ${d.securityDefiner}`]),
    ...listDiff('grants', f.acl, d.acl)]);
  diffKeyed(out, 'triggers', facts.triggers, db.triggers.filter((t) => managed.has(t.schema)), (t) => `${t.name} on ${t.schema}.${t.table}`,
    (f, d) => (f.function === d.function ? [] : [`function ${f.function} → ${d.function}`]));
  diffKeyed(out, 'policies', facts.policies, db.policies, (p) => `${p.name} on ${p.schema}.${p.table}`, (f, d) => [
    ...(f.command === d.command ? [] : [`command ${f.command} → ${d.command}`]), ...listDiff('roles', f.roles, d.roles)]);
  diffKeyed(out, 'defaultPrivileges', facts.defaultPrivileges, db.defaultPrivileges.filter((d) => isPlatformRoleName(d.role)),
    (d) => `for role ${d.role}${d.schema ? ` in schema ${d.schema}` : ''} on ${objectTypeName(d.objectType)}`, (f, d) => listDiff('acl', f.acl, d.acl));
  diffKeyed(out, 'publications', facts.publications, db.publications.filter((p) => /^supabase_realtime/.test(p.name)), (p) => p.name,
    (f, d) => listDiff('tables', f.tables, d.tables));
  diffKeyed(out, 'eventTriggers', facts.eventTriggers, db.eventTriggers, (e) => e.name, (f, d) => [
    ...(f.event === d.event ? [] : [`event ${f.event} → ${d.event}`]), ...(f.function === d.function ? [] : [`function ${f.function} → ${d.function}`])]);
  return out;
}

function diffKeyed<T>(out: FactDifference[], group: keyof PlatformCatalog, facts: readonly T[], db: readonly T[], key: (x: T) => string, changed: (f: T, d: T) => string[]): void {
  const dbByKey = new Map(db.map((x) => [key(x), x]));
  const factKeys = new Set(facts.map(key));
  for (const f of facts) {
    const d = dbByKey.get(key(f));
    if (!d) out.push({ group, status: 'missing', object: key(f) });
    else for (const detail of changed(f, d)) out.push({ group, status: 'changed', object: key(f), detail });
  }
  for (const d of db) if (!factKeys.has(key(d))) out.push({ group, status: 'extra', object: key(d) });
}

function listDiff(what: string, facts: readonly string[], db: readonly string[]): string[] {
  const missing = facts.filter((x) => !db.includes(x));
  const extra = db.filter((x) => !facts.includes(x));
  const out: string[] = [];
  if (missing.length) out.push(`${what} missing: ${missing.join(', ')}`);
  if (extra.length) out.push(`${what} extra: ${extra.join(', ')}`);
  return out;
}

function objectTypeName(t: string): string {
  return ({ r: 'tables', S: 'sequences', f: 'functions', T: 'types', n: 'schemas' } as Record<string, string>)[t] ?? t;
}

/** One line per difference, for test failures and `shadow check`. */
export function renderDifference(d: FactDifference): string {
  return `${d.status} ${d.group}: ${d.object}${d.detail ? ` — ${d.detail}` : ''}`;
}
