import { dollarQuote, ident, literal } from '../../sql/ident.js';
import type { ForeignOption } from '../../introspect/snapshot-types.js';

/** Prefix of the settings a baseline reads secrets from (squashbase.secret_<object>_<option>). */
export const SECRET_SETTING_PREFIX = 'squashbase.secret_';

/** Custom setting names found in a baseline's secret guards (parity supplies placeholders for them). */
export function secretSettingsIn(sql: string): string[] {
  const found = new Set<string>();
  for (const m of sql.matchAll(/current_setting\('(squashbase\.secret_[a-z0-9_]+)', true\)/g)) found.add(m[1]!);
  return [...found].sort();
}

/** squashbase.secret_stripe_server_api_key: lower-case, [a-z0-9_] only (a valid custom setting name). */
export function secretSetting(objectLabel: string, option: string): string {
  const slug = `${objectLabel}_${option}`.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/_+/g, '_').replace(/^_+|_+$/g, '');
  return SECRET_SETTING_PREFIX + (slug || 'value');
}

/**
 * `OPTIONS (a 'x', api_key %L)` for a format() template: literal values with % doubled, a %L
 * slot per secret. Returns the clause and the settings the slots read, in order.
 */
export function optionsClause(options: ForeignOption[], objectLabel: string): { text: string; secrets: string[] } {
  if (options.length === 0) return { text: '', secrets: [] };
  const secrets: string[] = [];
  const items = options.map((o) => {
    if (o.secret || o.value === null) {
      secrets.push(secretSetting(objectLabel, o.name));
      return `${fmt(ident(o.name))} %L`;
    }
    return `${fmt(ident(o.name))} ${fmt(literal(o.value))}`;
  });
  return { text: ` OPTIONS (${items.join(', ')})`, secrets };
}

/**
 * The statement as-is when it holds no secret; otherwise a DO block that takes each secret from
 * its custom setting and fails loudly when the environment did not supply it. The secret's value
 * is never in the file. `template` is a format() template (its literal % already doubled).
 */
export function guardedStatement(template: string, secrets: string[], what: string): string {
  if (secrets.length === 0) return template.replace(/%%/g, '%') + ';';
  const checks = secrets
    .map(
      (s) =>
        `  IF coalesce(current_setting(${literal(s)}, true), '') = '' THEN\n` +
        `    RAISE EXCEPTION ${literal(`${what} needs a secret the baseline does not contain (setting ${s})`)}\n` +
        `      USING HINT = ${literal(`Supply it before applying, e.g. PGOPTIONS='-c ${s}=…' psql …, or ALTER DATABASE … SET ${s} = '…' and reconnect. See docs/commands/baseline.md.`)};\n` +
        `  END IF;\n`,
    )
    .join('');
  const args = secrets.map((s) => `current_setting(${literal(s)}, true)`).join(', ');
  const body = `\nBEGIN\n${checks}  EXECUTE format(${literal(template)}, ${args});\nEND\n`;
  return `DO ${dollarQuote(body, 'squashbase_secret')};`;
}

/** A % in literal text, doubled for format(). */
export function fmt(text: string): string {
  return text.replace(/%/g, '%%');
}
