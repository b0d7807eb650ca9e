/** Where the e2e tests find the system Chromium (never a downloaded browser). Kept light for globalSetup. */
import fs from 'node:fs';

const CANDIDATES = [
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
].filter((c): c is string => !!c);

/** For messages: the places looked at. */
export const CHROMIUM_LOOKED_AT = process.env.CHROMIUM_PATH ?? CANDIDATES.join(', ');

/** The system Chromium, or null. CHROMIUM_PATH, when set, is the only place looked at. */
export function findChromium(): string | null {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) return fs.existsSync(explicit) ? explicit : null;
  return CANDIDATES.find((c) => fs.existsSync(c)) ?? null;
}
