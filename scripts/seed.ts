/**
 * Seed the shipped campaigns (Chongqing 2022, the Hubei festival) into a store. Idempotent: documents that exist are
 * left untouched, so re-running `npm start` never resets a running campaign. `--export DIR` writes one JSON-lines
 * file per collection for import in the CloudBase console (production seeding).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EmulatorDb, EmulatorStorage } from '../tools/emulator/src';
import { APP_CONFIG, DEFAULT_CONFIG_ID, seedDocuments, seedFileId } from './seed-docs';
import { seedPhotoList, seedPhotos } from './seed-photos';

export interface SeedOptions {
  /** Campaign ids to seed (default: every shipped campaign). */
  campaigns?: readonly string[];
  /** Where the projects' photos go (the emulator's storage); without it, projects name photos nobody stored. */
  storage?: Pick<EmulatorStorage, 'get' | 'put'>;
}

/** Drawn photos, kept for the process (tests start several emulators; drawing all takes about a second). */
const drawn = new Map<string, Buffer>();

/** Store the seed photos that are not in storage yet (28 small PNGs shared by every project); drawn only if missing. */
export async function seedPhotosInto(storage: Pick<EmulatorStorage, 'get' | 'put'>): Promise<number> {
  let stored = 0;
  for (const { path, draw } of seedPhotoList()) {
    if (await storage.get(seedFileId(path))) continue;
    if (!drawn.has(path)) drawn.set(path, draw());
    await storage.put(path, drawn.get(path)!);
    stored++;
  }
  return stored;
}

export async function seedInto(
  db: EmulatorDb,
  opts: SeedOptions = {},
): Promise<{ inserted: number; existing: number }> {
  let inserted = 0;
  let existing = 0;
  if (opts.storage) await seedPhotosInto(opts.storage);
  for (const [collection, docs] of Object.entries(seedDocuments(opts.campaigns))) {
    for (const doc of docs) {
      if (await db.get(collection, doc._id)) existing++;
      else {
        await db.put(collection, doc);
        inserted++;
      }
    }
  }
  return { inserted, existing };
}

/**
 * Point `app_config/default` at a campaign (an explicit operator choice, so it overwrites). The campaign must be in
 * the store: a typo would otherwise open the app on nothing.
 */
export async function setDefaultCampaign(db: EmulatorDb, campaignId: string): Promise<void> {
  if (!(await db.get('campaigns', campaignId))) {
    const known = (await db.find('campaigns')).map((c) => c._id).join(', ');
    throw new Error(`campaign ${campaignId} is not in the store (known: ${known})`);
  }
  const current = await db.get(APP_CONFIG, DEFAULT_CONFIG_ID);
  if (current?.campaignId !== campaignId) await db.put(APP_CONFIG, { ...current, _id: DEFAULT_CONFIG_ID, campaignId });
}

export function exportSeed(dir: string): void {
  mkdirSync(dir, { recursive: true });
  // The photos, under the cloud paths the projects' fileIDs name (upload them to the environment's storage).
  for (const { path, bytes } of seedPhotos()) {
    mkdirSync(join(dir, 'storage', dirname(path)), { recursive: true });
    writeFileSync(join(dir, 'storage', path), bytes);
  }
  for (const [collection, docs] of Object.entries(seedDocuments())) {
    writeFileSync(join(dir, `${collection}.json`), docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
  }
  console.log(`exported seed collections to ${dir}`);
}

if (require.main === module) {
  const i = process.argv.indexOf('--export');
  if (i > 0) exportSeed(process.argv[i + 1] ?? 'dist/seed');
  else
    console.log(
      'npm start seeds the local store automatically; use `npm run seed -- --export DIR` for CloudBase import.',
    );
}
