/**
 * `npm run simulate:session`: replays a whole session through the pure match rules and a model of
 * CloudBase's database (tools/simulate). No emulator. Progress goes to stderr; the last line is one
 * JSON object. Exits 1 if any pool shard or the pool was overspent.
 *
 * SIM_VARIANT=chongqing|gongyi99 (default chongqing), SIM_SEED, SIM_SAMPLE (1 in N donations),
 * SIM_POOL_SHARDS, SIM_PROJECT_SHARDS, SIM_STATS_SHARDS, SIM_ATTEMPTS, SIM_SURGE_SHARE, SIM_SURGE_TAU_S.
 */
import { SCENARIOS } from '../tools/simulate/scenarios';
import { runSession, type SessionConfig } from '../tools/simulate/session';

function configFromEnv(env: NodeJS.ProcessEnv): SessionConfig {
  const name = env.SIM_VARIANT ?? 'chongqing';
  const base = SCENARIOS[name];
  if (!base) throw new Error(`unknown SIM_VARIANT ${name}; one of ${Object.keys(SCENARIOS).join(', ')}`);
  const num = (key: string, fallback: number): number => (env[key] === undefined ? fallback : Number(env[key]));
  const match = base.campaign.match;
  return {
    ...base,
    campaign: { ...base.campaign, match: { ...match, shards: num('SIM_POOL_SHARDS', match.shards) } },
    seed: env.SIM_SEED ?? base.seed,
    sample: num('SIM_SAMPLE', base.sample),
    projectShards: num('SIM_PROJECT_SHARDS', base.projectShards),
    statsShards: num('SIM_STATS_SHARDS', base.statsShards),
    tx: { ...base.tx, attempts: num('SIM_ATTEMPTS', base.tx.attempts) },
    profile: {
      ...base.profile,
      surgeShare: num('SIM_SURGE_SHARE', base.profile.surgeShare),
      surgeTauS: num('SIM_SURGE_TAU_S', base.profile.surgeTauS),
    },
    log: (line) => process.stderr.write(`${line}\n`),
  };
}

const started = Date.now();
const result = runSession(configFromEnv(process.env));
process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
process.stdout.write(`${JSON.stringify(result)}\n`);
if (result.overspentFen !== 0) process.exit(1);
