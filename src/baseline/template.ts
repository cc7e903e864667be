import { readFileSync } from 'node:fs';
import { SquashbaseError } from '../errors.js';

const cache = new Map<string, string>();

/** Read templates/baseline/<name> (ships with the package; resolved from src/ and dist/ alike). */
export function loadTemplate(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    const url = new URL(`../../templates/baseline/${name}`, import.meta.url);
    try {
      text = readFileSync(url, 'utf8');
    } catch (err) {
      throw new SquashbaseError('INTERNAL', `The baseline template ${name} is missing from the package.`, { cause: err });
    }
    cache.set(name, text);
  }
  return text;
}

/**
 * Replace {{name}} placeholders. Every placeholder must have a value and every value is used
 * as-is: callers pass text that is already safe for where the template puts it.
 */
export function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([a-zA-Z0-9_]+)\s*\}\}/g, (_m, key: string) => {
    const v = values[key];
    if (v === undefined) throw new SquashbaseError('INTERNAL', `Template placeholder {{${key}}} has no value.`);
    return v;
  });
}

/** Text safe inside a `-- ` comment line: no line breaks or other control characters. */
export function commentText(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, '?');
}
