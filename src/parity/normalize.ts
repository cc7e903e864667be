import type { ObjectKind, SnapshotObject } from '../introspect/snapshot-types.js';
import { describeObject, describeFields } from './describe-object.js';

/**
 * What parity ignores when it decides whether two objects are equal, and why. Everything
 * left out here is still shown in the object's text and reported as a warning when it differs.
 *
 * - column `position`: a column added later on live sits at the end, the same column in a
 *   baseline may sit elsewhere; queries by name do not care, `SELECT *` and COPY do, so it is a
 *   warning, not a failure.
 * - extension `version`: a baseline never pins extension versions (the target platform
 *   decides), and shadow stand-ins have their own.
 * - bucket `atDefault`: storage.buckets columns holding their column's constant default; a
 *   platform whose table has a column the other lacks (storage's `type`) fills it with its
 *   default. A value that differs from the default is in `settings` and still compared.
 */
export const IGNORED_PROPS: Partial<Record<ObjectKind, readonly string[]>> = {
  column: ['position'],
  extension: ['version'],
  grant: ['aclIndex'],
  bucket: ['atDefault'],
};

/** The text two objects are compared on: describeObject minus the ignored props. */
export function comparableText(obj: SnapshotObject): string {
  return describeObject(obj, { omitProps: IGNORED_PROPS[obj.kind] ?? [] });
}

/** Top-level field names whose rendering differs between two objects with the same id. */
export function changedFields(a: SnapshotObject, b: SnapshotObject): string[] {
  const omit = IGNORED_PROPS[a.kind] ?? [];
  const fa = describeFields(a, { omitProps: omit });
  const fb = describeFields(b, { omitProps: omit });
  const keys = new Set([...fa.keys(), ...fb.keys()]);
  return [...keys].filter((k) => fa.get(k) !== fb.get(k)).sort();
}
