/** Why the baseline does not carry an object of a catalog the snapshot does not model. */
const REASONS: Record<string, string> = {
  pg_largeobject_metadata: 'large objects are data, not schema: the baseline does not carry them',
  pg_init_privs: "privileges changed on an extension's own objects are not reproduced by the baseline",
  pg_subscription: 'subscriptions hold a connection string and belong to one environment: the baseline does not carry them',
  pg_seclabel: 'security labels are not modelled: the baseline leaves them out',
  pg_user_mapping: 'user mappings of this server are not modelled',
};

export function notModelledReason(catalog: string, kind: string): string {
  return REASONS[catalog] ?? `squashbase does not model ${kind} objects yet: the baseline leaves it out (create it by hand or keep its migration)`;
}
