/**
 * Seed the Chongqing session into a store. Idempotent: documents that exist are left untouched,
 * so re-running `npm start` never resets a running campaign. `--export DIR` writes one JSON-lines
 * file per collection for import in the CloudBase console (production seeding).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmulatorDb } from '../tools/emulator/src';
import { seedDocuments } from './seed-docs';

export async function seedInto(db: EmulatorDb): Promise<{ inserted: number; existing: number }> {
  let inserted = 0;
  let existing = 0;
  for (const [collection, docs] of Object.entries(seedDocuments())) {
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

export function exportSeed(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [collection, docs] of Object.entries(seedDocuments())) {
    writeFileSync(join(dir, `${collection}.json`), docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
  }
  console.log(`exported seed collections to ${dir}`);
}

if (require.main === module) {
  const i = process.argv.indexOf('--export');
  if (i > 0) exportSeed(process.argv[i + 1] ?? 'dist/seed');
  else console.log('npm start seeds the local store automatically; use `npm run seed -- --export DIR` for CloudBase import.');
}
