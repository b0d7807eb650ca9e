/**
 * Standalone emulator: npx tsx tools/emulator/src/cli.ts --port 8787 --data .data/db
 *   --functions <dir of built functions> --static <H5 build dir> --clock-date 2022-04-27 --pay-retry-scale 0.001
 *   --indexes cloudfunctions/indexes.json --host 127.0.0.1 --max-upload-bytes 10485760
 */
import path from 'node:path';
import { startEmulator, type DefaultClock } from './index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const repo = path.resolve(__dirname, '..', '..', '..');
  const date = arg('clock-date');
  const defaultClock: DefaultClock = date ? { mode: 'shift', date } : { mode: 'real' };
  const emu = await startEmulator({
    port: Number(arg('port') ?? 8787),
    host: arg('host') ?? '127.0.0.1',
    dataDir: path.resolve(arg('data') ?? path.join(repo, '.data', 'db')),
    functions: { dir: path.resolve(arg('functions') ?? path.join(repo, 'dist', 'cloudfunctions')) },
    staticDir: arg('static') ? path.resolve(arg('static')!) : undefined,
    payRetryScale: arg('pay-retry-scale') ? Number(arg('pay-retry-scale')) : undefined,
    indexes: arg('indexes') ? path.resolve(arg('indexes')!) : undefined,
    defaultClock,
    maxUploadBytes: arg('max-upload-bytes') ? Number(arg('max-upload-bytes')) : undefined,
    quiet: process.argv.includes('--quiet'),
  });
  console.log(`EMULATOR_READY ${emu.url}`);
  const stop = () => void emu.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
