/**
 * `npm start`: build what is missing or stale (cloud functions always — it takes a second; the H5 app
 * when its sources changed), start the local CloudBase emulator with the functions, the /api bridge and
 * the H5 app on one port, seed the shipped campaigns, point `app_config/default` at SHANXING_CAMPAIGN (when set),
 * and print the URL. The demo clock shows the chosen campaign's middle festival day.
 */
import { startEmulator } from '../tools/emulator/src';
import { buildCloud } from './build-cloud';
import { campaignById, DEFAULT_CAMPAIGN_ID } from '../domain/campaigns';
import { runMigrations } from './migrate';
import { seedInto, setDefaultCampaign } from './seed';
import { DEMO_DATE, demoDateOf } from './seed-docs';
import { buildH5, h5IsStale } from './h5';
import { DATA_DIR, DEFAULT_PORT, FUNCTIONS_DIR, H5_DIR, INDEXES_FILE } from './paths';

async function main(): Promise<void> {
  await buildCloud();
  if (process.env.SKIP_H5_BUILD !== '1' && h5IsStale()) {
    console.log('building the H5 app (first run takes about a minute)…');
    buildH5();
  }
  const port = Number(process.env.PORT ?? DEFAULT_PORT);
  const campaignId = process.env.SHANXING_CAMPAIGN ?? DEFAULT_CAMPAIGN_ID;
  const shipped = campaignById(campaignId);
  const demoDay = shipped ? demoDateOf(shipped) : DEMO_DATE;
  const emulator = await startEmulator({
    port,
    // Loopback only unless asked: the bridge acts as any user and the controls can wipe the store.
    host: process.env.HOST ?? '127.0.0.1',
    dataDir: DATA_DIR,
    functions: { dir: FUNCTIONS_DIR },
    defaultClock: { mode: 'shift', date: process.env.SHANXING_DEMO_DATE ?? demoDay },
    staticDir: H5_DIR,
    indexes: INDEXES_FILE,
    // A LAN address the browser uses (HOST=0.0.0.0): list its origin, e.g. ALLOWED_ORIGINS=http://192.168.1.5:10086
    allowedOrigins: (process.env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    timers: true, // the functions' timer triggers (admin every 5 minutes, remind every minute)
    quiet: true,
  });
  const seeded = await seedInto(emulator.db, { storage: emulator.storage });
  const migrated = await runMigrations(emulator.db); // a store from an older version gains the new fields
  if (process.env.SHANXING_CAMPAIGN) await setDefaultCampaign(emulator.db, campaignId);
  const shown = `http://localhost:${emulator.port}`;
  const campaign = await emulator.db.get('campaigns', campaignId);
  console.log(`善行 · ${String(campaign?.name ?? campaignId)} (${campaignId}) is running at ${shown}`);
  console.log(
    `  demo clock: ${new Date(emulator.now()).toISOString()} (POST ${shown}/__emulator/clock {"now": "…"} to change)`,
  );
  console.log(`  seeded ${seeded.inserted} new documents (${seeded.existing} already there); data in ${DATA_DIR}`);
  for (const m of migrated.ran) console.log(`  migrated ${m.id}: ${m.changed} document(s) changed`);
  console.log(`  SDK key pair (secretId/secretKey) for servers outside the functions: ${DATA_DIR}/credentials.json`);
  const stop = async () => {
    await emulator.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
