/**
 * Conformance: the database tests that ship in @cloudbase/node-sdk's npm package (test/database/**),
 * unmodified, against a fresh emulator. Prints the pass count and percentage and exits 1 when it
 * drops below baseline.json. See ../README.md "Conformance".
 *
 *   npx tsx tools/emulator/conformance/run.ts [--json out.json] [--only <file substring>] [--record]
 *
 * --record rewrites baseline.json with this run's figures.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EMULATOR_ENV, sdkEnvFor, startEmulator } from '../src/index';
import { classify, summarize, type CaseResult, type Summary } from './report';

const REPO = path.resolve(__dirname, '..', '..', '..');
const BASELINE = path.join(__dirname, 'baseline.json');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The node-sdk wx-server-sdk actually loads (its own nested copy wins over the hoisted one). */
function sdkDir(): string {
  const wx = path.dirname(require.resolve('wx-server-sdk/package.json', { paths: [REPO] }));
  return path.dirname(require.resolve('@cloudbase/node-sdk/package.json', { paths: [wx] }));
}

/** The key pair the emulator keeps in its data dir once /tcb checks signatures; a dummy before that. */
function credentials(dataDir: string): { secretId: string; secretKey: string } {
  const file = path.join(dataDir, 'credentials.json');
  if (fs.existsSync(file)) {
    const c = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (c.secretId && c.secretKey) return { secretId: c.secretId, secretKey: c.secretKey };
  }
  return { secretId: 'conformance-secret-id', secretKey: 'conformance-secret-key' };
}

/**
 * A jest config for the copied suite. Configuration only: the suite's files are untouched.
 * - `../../src/index` (the SDK's TypeScript entry, `export =`, which babel cannot compile) maps to
 *   the same SDK's compiled lib/, which is what wx-server-sdk runs; `@cloudbase/database/src/*` to its dist.
 * - power-assert (a devDependency of the SDK, not installed) maps to a shim over node:assert.
 * - jest23-compat.js lets `describe(name, async () => …)` register its tests, as jest 23 did.
 */
function jestConfig(work: string, sdk: string): Record<string, unknown> {
  const dbPkg = path.dirname(require.resolve('@cloudbase/database/package.json', { paths: [sdk] }));
  return {
    rootDir: work,
    roots: [path.join(work, 'test', 'database')],
    testMatch: ['**/*.test.ts'],
    testEnvironment: 'node',
    transform: {
      '^.+\\.[jt]s$': [
        require.resolve('babel-jest', { paths: [REPO] }),
        {
          configFile: false,
          babelrc: false,
          presets: [
            [require.resolve('@babel/preset-env', { paths: [REPO] }), { targets: { node: 'current' } }],
            require.resolve('@babel/preset-typescript', { paths: [REPO] }),
          ],
        },
      ],
    },
    moduleNameMapper: {
      '^power-assert$': path.join(__dirname, 'power-assert.js'),
      '^(\\.\\./)+src/index$': path.join(sdk, 'lib', 'index.js'),
      '^(\\.\\./)+lib/(.*)$': path.join(sdk, 'lib', '$2'),
      '^@cloudbase/database/src/(.*)$': path.join(dbPkg, 'dist', 'commonjs', '$1'),
    },
    // The copied suite lives in a temp dir: resolve its imports (bson, …) from the SDK's and the repo's node_modules.
    modulePaths: [
      path.join(sdk, 'node_modules'),
      path.dirname(path.dirname(require.resolve('jest/package.json', { paths: [REPO] }))),
    ],
    setupFilesAfterEnv: [path.join(__dirname, 'jest23-compat.js'), path.join(work, 'test', 'setup.js')],
    testTimeout: 60_000,
  };
}

function runJest(work: string, env: Record<string, string>, only?: string): Promise<number> {
  const jestBin = path.join(path.dirname(require.resolve('jest/package.json', { paths: [REPO] })), 'bin', 'jest.js');
  const args = [
    jestBin,
    '--config',
    path.join(work, 'jest.config.json'),
    '--runInBand',
    '--ci',
    '--json',
    '--outputFile',
    path.join(work, 'result.json'),
  ];
  if (only) args.push(only);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: work,
      // The suite's client-side expectations assume Beijing time
      // (e.g. new Date('1999/12/12') formats as 1999-12-11 UTC).
      env: { ...process.env, ...env, NODE_ENV: 'test', TZ: 'Asia/Shanghai' },
      stdio: ['ignore', 'ignore', fs.openSync(path.join(work, 'jest.log'), 'w')],
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function readCases(work: string): CaseResult[] {
  const out = JSON.parse(fs.readFileSync(path.join(work, 'result.json'), 'utf8'));
  const cases: CaseResult[] = [];
  for (const file of out.testResults) {
    const rel = path.relative(path.join(work, 'test'), file.name);
    if (!file.assertionResults.length && file.message) {
      // A file that failed before any test ran (import error): count it as one failed case.
      cases.push({
        file: rel,
        name: '(file did not load)',
        status: 'failed',
        message: String(file.message).split('\n')[0],
      });
      continue;
    }
    for (const a of file.assertionResults) {
      if (a.status !== 'passed' && a.status !== 'failed') continue; // skipped/todo in the suite itself
      cases.push({
        file: rel,
        name: a.fullName,
        status: a.status,
        message: (a.failureMessages ?? [])
          .join('\n')
          .split('\n')
          .filter((l: string) => l.trim())
          .slice(0, 12)
          .join(' ')
          .replace(/\s+/g, ' ')
          .slice(0, 600),
      });
    }
  }
  return cases;
}

function print(s: Summary, cases: CaseResult[]): void {
  const failed = cases.filter((c) => c.status === 'failed');
  for (const c of failed) console.log(`FAIL [${classify(c)}] ${c.file} › ${c.name}\n     ${c.message}`);
  console.log(`database cases: ${s.db.passed}/${s.db.total} passed (${s.db.percent}%)`);
  console.log(`  of which transactions: ${s.tx.passed}/${s.tx.total}`);
  console.log(`excluded (never reach the database): ${s.excluded.passed}/${s.excluded.total} passed`);
}

async function main(): Promise<void> {
  const sdk = sdkDir();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shanxing-conformance-'));
  const dataDir = path.join(work, 'data');
  fs.cpSync(path.join(sdk, 'test'), path.join(work, 'test'), { recursive: true });
  const emu = await startEmulator({ port: 0, quiet: true, dataDir, functions: { names: [], load: () => ({}) as any } });
  let code = 1;
  try {
    const cred = credentials(dataDir);
    const config = { ...cred, env: EMULATOR_ENV };
    fs.writeFileSync(path.join(work, 'test', 'config.js'), `module.exports = ${JSON.stringify(config, null, 2)}\n`);
    fs.writeFileSync(path.join(work, 'jest.config.json'), JSON.stringify(jestConfig(work, sdk), null, 2));
    const env = { ...sdkEnvFor(emu.url), TENCENTCLOUD_SECRETID: cred.secretId, TENCENTCLOUD_SECRETKEY: cred.secretKey };
    await runJest(work, env, arg('only'));
    if (!fs.existsSync(path.join(work, 'result.json'))) {
      console.error(fs.readFileSync(path.join(work, 'jest.log'), 'utf8').slice(-4000));
      throw new Error('jest produced no result');
    }
    const cases = readCases(work);
    const s = summarize(cases);
    print(s, cases);
    const jsonOut = arg('json');
    if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ summary: s, cases }, null, 2));
    const baseline = JSON.parse(fs.readFileSync(BASELINE, 'utf8')) as { passed: number; total: number };
    if (process.argv.includes('--record')) {
      const record = { passed: s.db.passed, total: s.db.total, percent: s.db.percent, transactions: s.tx };
      fs.writeFileSync(BASELINE, `${JSON.stringify(record, null, 2)}\n`);
      console.log(`recorded ${s.db.passed}/${s.db.total} in ${path.relative(REPO, BASELINE)}`);
      code = 0;
    } else if (arg('only')) code = 0;
    else {
      code = s.db.passed >= baseline.passed ? 0 : 1;
      console.log(`baseline ${baseline.passed}/${baseline.total}: ${code === 0 ? 'ok' : 'BELOW BASELINE'}`);
    }
    // The last line is machine-readable, for the contract test.
    console.log(
      JSON.stringify({ passed: s.db.passed, total: s.db.total, percent: s.db.percent, baseline: baseline.passed }),
    );
  } finally {
    await emu.close();
    if (!process.argv.includes('--keep')) fs.rmSync(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
  process.exit(code);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
