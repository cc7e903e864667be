import { access, constants } from 'node:fs/promises';
import path from 'node:path';

/**
 * A headless Chromium for the HTML report test: $SQUASHBASE_CHROMIUM, else a system browser
 * (Debian's chromium, chromium-browser, Google Chrome) on PATH or in /usr/bin, else the one
 * the devDependency @sparticuz/chromium ships inside its npm package (unpacked to the temp
 * directory on first use), so `npm install && npm test` works on a machine without a browser.
 * SQUASHBASE_CHROMIUM is a path, or `@sparticuz/chromium` to force the bundled one.
 */
export interface FoundBrowser {
  executablePath: string;
  source: 'env' | 'system' | typeof BUNDLED;
  /** Extra launch arguments the source needs. */
  args: string[];
}

/** SQUASHBASE_CHROMIUM=@sparticuz/chromium forces the bundled browser (how its path is tested here). */
const BUNDLED = '@sparticuz/chromium';
const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<FoundBrowser> {
  const override = env['SQUASHBASE_CHROMIUM'];
  if (override === BUNDLED) return bundled();
  if (override) return { executablePath: override, source: 'env', args: [] };
  const dirs = [...(env['PATH'] ?? '').split(path.delimiter).filter(Boolean), '/usr/bin'];
  for (const name of SYSTEM_NAMES) {
    for (const dir of dirs) {
      const file = path.join(dir, name);
      if (await executable(file)) return { executablePath: file, source: 'system', args: [] };
    }
  }
  return bundled();
}

async function bundled(): Promise<FoundBrowser> {
  const { default: pkg } = (await import(BUNDLED)) as { default: { executablePath(): Promise<string>; args: string[] } };
  return { executablePath: await pkg.executablePath(), source: BUNDLED, args: pkg.args };
}

async function executable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
