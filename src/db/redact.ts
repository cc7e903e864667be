/**
 * Secret redaction. Everything the CLI prints, logs, reports or throws goes through `redact()`
 * before it leaves the process. It masks passwords where they are passwords — never an
 * identifier or a line of SQL that happens to spell one (a password `public` must not turn
 * `"public"."notes"` into `"***"."notes"`):
 *
 * - structurally, always: the password of a `postgresql://user:pass@host` URL and its
 *   `?password=` parameter, `password=` in a libpq conninfo string, `PGPASSWORD=…`;
 * - verbatim, for the passwords squashbase learnt (URL, PGPASSWORD, generated shadow
 *   passwords), in every spelling they might be echoed in (raw, percent- and form-encoded) —
 *   unless the password is a short plain word (letters, digits, `_`, `$`): such a text is
 *   what names are made of (`public`, `postgres`, `users`), and the structural rules above
 *   already mask it wherever it is a password. A long mixed word (16+ characters with
 *   letters and digits: a generated password) is no name anyone writes, so it is masked
 *   verbatim too.
 */
const secrets = new Set<string>();
const MASK = '***';

export function registerSecret(secret: string | undefined | null): void {
  if (!secret || secret.length < 3) return; // too short to redact without mangling output
  if (isPlainWord(secret) && !looksGenerated(secret)) return;
  for (const form of spellings(secret)) secrets.add(form);
}

function isPlainWord(s: string): boolean {
  return /^[A-Za-z0-9_$]+$/.test(s);
}

function looksGenerated(s: string): boolean {
  return s.length >= 16 && /\d/.test(s) && /[A-Za-z]/.test(s);
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

/** postgres[ql]://user:PASSWORD@host — the password runs to the last '@' before the host. */
const URL_PASSWORD = /\b(postgres(?:ql)?:\/\/[^:/?#\s@]*):([^\s]*)@(?=[^\s@]*(?:[/?\s"'`)\]]|$))/gi;
/** ?password=… / &password=… inside a URL. */
const URL_PASSWORD_PARAM = /(\bpostgres(?:ql)?:\/\/[^\s]*[?&]password=)[^&\s#"'`]*/gi;
/** PGPASSWORD=… as an environment assignment. */
const ENV_PASSWORD = /\b(PGPASSWORD=)('[^']*'|"[^"]*"|[^\s]*)/g;
/** conninfo: password=… on a line that also has host=, hostaddr=, dbname= or user= (never SQL). */
const CONNINFO_LINE = /\b(?:host|hostaddr|dbname|user|port)=\S/;
const CONNINFO_PASSWORD = /(^|\s)(password=)('(?:[^'\\]|\\.)*'|[^\s]*)/g;

/** Mask registered secrets and every password-shaped part of connection strings. */
export function redact(text: string): string {
  let out = text;
  // Longest first, so a secret that contains another is masked whole.
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (out.includes(s)) out = out.split(s).join(MASK);
  }
  out = out.replace(URL_PASSWORD, `$1:${MASK}@`);
  out = out.replace(URL_PASSWORD_PARAM, `$1${MASK}`);
  out = out.replace(ENV_PASSWORD, `$1${MASK}`);
  if (out.includes('password=')) {
    out = out
      .split('\n')
      .map((line) => (CONNINFO_LINE.test(line) ? line.replace(CONNINFO_PASSWORD, `$1$2${MASK}`) : line))
      .join('\n');
  }
  return out;
}

/** Fields that hold a password by name, whatever their value. */
const PASSWORD_KEY = /^(password|passwd|pgpassword)$/i;

/** Deep-redact any JSON-serialisable value (reports, --json output). */
export function redactValue<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactValue(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = PASSWORD_KEY.test(k) && typeof v === 'string' ? MASK : redactValue(v);
    return out as T;
  }
  return value;
}

/** For tests only: forget registered secrets. */
export function clearSecretsForTests(): void {
  secrets.clear();
}
