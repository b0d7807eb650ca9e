/**
 * Per-invocation process.env. wx-server-sdk and @cloudbase/node-sdk read caller identity from
 * process.env at call time (getWXContext, CloudBase.getCloudbaseContext), and all functions share
 * this process; so process.env becomes a Proxy that answers from the current invocation's variables
 * (AsyncLocalStorage) and falls back to the real environment.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type EnvVars = Record<string, string | undefined>;
const als = new AsyncLocalStorage<EnvVars>();
const INSTALLED = Symbol.for('shanxing.emulator.envProxy');

/** Install once per process (per jest sandbox); idempotent. */
export function installEnvProxy(): void {
  const proc = process as unknown as Record<symbol, unknown> & { env: NodeJS.ProcessEnv };
  if (proc[INSTALLED]) return;
  const base = proc.env as Record<string, string | undefined>;
  const own = (vars: EnvVars | undefined, k: string | symbol) =>
    typeof k === 'string' && !!vars && Object.prototype.hasOwnProperty.call(vars, k);
  proc.env = new Proxy(base as Record<string, string | undefined>, {
    get(t, k) {
      const vars = als.getStore();
      return own(vars, k) ? vars![k as string] : Reflect.get(t, k);
    },
    set(t, k, v) {
      const vars = als.getStore();
      if (vars && typeof k === 'string') vars[k] = String(v);
      else Reflect.set(t, k, typeof v === 'string' ? v : String(v));
      return true;
    },
    has(t, k) {
      const vars = als.getStore();
      return own(vars, k) ? vars![k as string] !== undefined : Reflect.has(t, k);
    },
    deleteProperty(t, k) {
      const vars = als.getStore();
      if (vars && typeof k === 'string') vars[k] = undefined;
      else Reflect.deleteProperty(t, k);
      return true;
    },
    ownKeys(t) {
      const vars = als.getStore();
      const keys = new Set(Reflect.ownKeys(t));
      if (vars)
        for (const [k, v] of Object.entries(vars)) {
          if (v === undefined) keys.delete(k);
          else keys.add(k);
        }
      return [...keys];
    },
    getOwnPropertyDescriptor(t, k) {
      const vars = als.getStore();
      if (own(vars, k)) {
        const value = vars![k as string];
        return value === undefined ? undefined : { value, writable: true, enumerable: true, configurable: true };
      }
      return Reflect.getOwnPropertyDescriptor(t, k);
    },
  }) as unknown as NodeJS.ProcessEnv;
  proc[INSTALLED] = true;
}

/** Run fn with these variables layered over process.env for everything it awaits. */
export function withEnv<T>(vars: EnvVars, fn: () => T): T {
  return als.run({ ...(als.getStore() ?? {}), ...vars }, fn);
}

/** Apply variables to the real (global) environment, outside any invocation. */
export function setGlobalEnv(vars: EnvVars): void {
  als.exit(() => {
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
}
