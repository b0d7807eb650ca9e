/**
 * Start a throwaway emulator for a test: random port, fresh temp data dir, functions loaded from
 * cloudfunctions/<name>/src/index.ts unless the test passes its own. `call` goes through the HTTP
 * bridge exactly like the H5 app does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {
  signJsonPost,
  startEmulator,
  type Credentials,
  type Emulator,
  type EmulatorOptions,
  type FunctionSource,
} from '../../tools/emulator/src';

export const REPO = path.resolve(__dirname, '..', '..');

export interface CallResult<T = any> {
  status: number;
  body: any;
  result: T;
  error?: { code: string; message?: string };
}

export interface TestEmulator {
  emulator: Emulator;
  url: string;
  dataDir: string;
  call<T = any>(
    fn: string,
    data?: unknown,
    opts?: { openid?: string; headers?: Record<string, string> },
  ): Promise<CallResult<T>>;
  /** One raw SDK-protocol call to POST /tcb, signed with the environment's key pair. */
  tcb(params: Record<string, unknown>): Promise<any>;
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

/** A raw POST /tcb signed as the SDK signs (for tests that speak the protocol without the SDK). */
export async function tcbCall(url: string, credentials: Credentials, params: Record<string, unknown>): Promise<any> {
  const endpoint = `${url.replace(/\/$/, '')}/tcb`;
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: signJsonPost(endpoint, credentials, params),
    body: JSON.stringify(params),
  });
  return res.json();
}

/** Functions from the repo's sources (jest transpiles the TypeScript). */
export function repoFunctions(): FunctionSource {
  const dir = path.join(REPO, 'cloudfunctions');
  const names = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((n) => !n.startsWith('_') && fs.existsSync(path.join(dir, n, 'src', 'index.ts')))
    : [];
  return { names, load: (name: string) => require(path.join(dir, name, 'src', 'index.ts')) };
}

export async function startTestEmulator(
  opts: { functions?: FunctionSource; dataDir?: string } & Partial<Omit<EmulatorOptions, 'functions' | 'dataDir'>> = {},
): Promise<TestEmulator> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'shanxing-emu-'));
  const emulator = await startEmulator({
    port: 0,
    quiet: true,
    indexes: path.join(REPO, 'cloudfunctions', 'indexes.json'),
    ...opts,
    dataDir,
    functions: opts.functions ?? repoFunctions(),
  });
  const call = async (
    fn: string,
    data: unknown = {},
    o: { openid?: string; headers?: Record<string, string> } = {},
  ) => {
    const res = await fetch(`${emulator.url}/api/${fn}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(o.openid ? { 'x-openid': o.openid } : {}),
        ...(o.headers ?? {}),
      },
      body: JSON.stringify({ data }),
    });
    const text = await res.text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: res.status, body, result: body?.result, error: body?.error };
  };
  return {
    emulator,
    url: emulator.url,
    dataDir,
    call,
    tcb: (params) => tcbCall(emulator.url, emulator.credentials, params),
    stop: async ({ keepData = false } = {}) => {
      await emulator.close();
      if (!keepData && !opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The emulator CLI as its own process (to SIGKILL it mid-work); resolves once it prints EMULATOR_READY. */
export function spawnCli(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  // One process (tsx's loader in-process, not the tsx CLI wrapper) so SIGKILL hits the server itself.
  const nodeArgs = ['--require', createRequire(path.join(REPO, 'package.json')).resolve('tsx/cjs')];
  const child = spawn(
    process.execPath,
    [...nodeArgs, path.join(REPO, 'tools/emulator/src/cli.ts'), '--port', '0', '--quiet', ...args],
    {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`CLI did not start: ${out}${err}`)), 30_000);
    child.stderr!.on('data', (b) => (err += b));
    child.stdout!.on('data', (b) => {
      out += b;
      const m = /EMULATOR_READY (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.on('exit', (code) => reject(new Error(`CLI exited ${code}: ${out}${err}`)));
  });
}
