/**
 * Secret redaction. Every password squashbase learns (from a URL, PGPASSWORD, a generated
 * shadow password) is registered here, in every spelling it might be echoed in (raw,
 * percent-encoded, form-encoded). Everything the CLI prints, logs, reports or throws goes
 * through `redact()` before it leaves the process.
 */
const secrets = new Set<string>();
const MASK = '***';

export function registerSecret(secret: string | undefined | null): void {
  if (!secret || secret.length < 3) return; // too short to redact without mangling output
  for (const form of spellings(secret)) secrets.add(form);
}

function spellings(secret: string): string[] {
  const forms = new Set<string>([secret]);
  try {
    forms.add(encodeURIComponent(secret));
    forms.add(encodeURI(secret));
    forms.add(new URLSearchParams({ p: secret }).toString().slice(2));
    forms.add(encodeURIComponent(secret).replace(/!/g, '%21'));
  } catch {
    // lone surrogates cannot be encoded; the raw form is still covered
  }
  return [...forms];
}

/** Replace every registered secret, and the password part of any URL-looking text. */
export function redact(text: string): string {
  let out = text;
  // Longest first, so a secret that contains another is masked whole.
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (out.includes(s)) out = out.split(s).join(MASK);
  }
  // Passwords we were never told about, inside postgres URLs: scheme://user:pass@host
  out = out.replace(/\b(postgres(?:ql)?:\/\/[^:/?#\s@]*):([^\s]*)@(?=[^\s@]*(?:[/?\s]|$))/gi, `$1:${MASK}@`);
  return out;
}

/** Deep-redact any JSON-serialisable value (reports, --json output). */
export function redactValue<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactValue(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactValue(v);
    return out as T;
  }
  return value;
}

/** For tests only: forget registered secrets. */
export function clearSecretsForTests(): void {
  secrets.clear();
}
