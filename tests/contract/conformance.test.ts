/**
 * @cloudbase/node-sdk's own database tests against a fresh emulator (tools/emulator/conformance/run.ts,
 * also `npm run test:conformance`). The pass count must not drop below the recorded baseline.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const baseline = JSON.parse(fs.readFileSync(path.join(REPO, 'tools/emulator/conformance/baseline.json'), 'utf8'));

test('the SDK database suite passes at least the recorded number of cases', () => {
  const tsx = path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const r = spawnSync(process.execPath, [tsx, path.join(REPO, 'tools/emulator/conformance/run.ts')], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 280_000,
  });
  const lines = (r.stdout ?? '').trim().split('\n');
  const last = JSON.parse(lines[lines.length - 1] ?? '{}');
  // On a drop, the runner's output names every failing case.
  if (last.passed < baseline.passed) console.log(r.stdout, r.stderr);
  expect(last.total).toBeGreaterThan(0);
  expect(last.passed).toBeGreaterThanOrEqual(baseline.passed);
  expect(r.status).toBe(0);
}, 300_000);
