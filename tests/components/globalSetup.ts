/** Jest globalSetup of the components project: build the native components once, before any worker starts. */
import { ensureNativeComponents, nativeIsStale } from './nativeBuild';

export default function globalSetup(): void {
  if (!nativeIsStale()) return;
  const started = Date.now();
  process.stdout.write('\ncomponents: building native components for miniprogram-simulate (about 25 s)…\n');
  ensureNativeComponents();
  process.stdout.write(`components: built in ${Math.round((Date.now() - started) / 1000)} s\n`);
}
