/**
 * Weapp package sizes: main package = everything in dist/weapp outside the subpackage roots listed in
 * app.json. Prints JSON; exits 1 if main > 2 MB (WeChat's hard limit), warns above 512 KB (our budget).
 * Usage: npx tsx scripts/check-size.ts [distDir]
 */
import fs from 'node:fs';
import path from 'node:path';

const MAIN_LIMIT = 2 * 1024 * 1024;
const MAIN_BUDGET = 512 * 1024;
const dist = path.resolve(process.argv[2] ?? 'dist/weapp');

function walk(dir: string): Array<{ rel: string; bytes: number }> {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return walk(full);
    return [{ rel: path.relative(dist, full).split(path.sep).join('/'), bytes: fs.statSync(full).size }];
  });
}

const appJsonPath = path.join(dist, 'app.json');
if (!fs.existsSync(appJsonPath)) {
  console.error(`no ${appJsonPath}: run \`npm run build:weapp\` first`);
  process.exit(2);
}
const appJson = JSON.parse(fs.readFileSync(appJsonPath, 'utf8')) as {
  subPackages?: Array<{ root: string }>;
  subpackages?: Array<{ root: string }>;
};
const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => s.root.replace(/\/?$/, '/'));

// Files WeChat does not upload as package code (licence banners, our copy of the project config).
const ignored = (rel: string) => rel.endsWith('.LICENSE.txt') || rel.endsWith('.map') || rel === 'project.config.json';

let mainBytes = 0;
let totalBytes = 0;
const subpackages: Record<string, number> = Object.fromEntries(roots.map((r) => [r.slice(0, -1), 0]));
for (const f of walk(dist)) {
  if (ignored(f.rel)) continue;
  totalBytes += f.bytes;
  const root = roots.find((r) => f.rel.startsWith(r));
  if (root) subpackages[root.slice(0, -1)] += f.bytes;
  else mainBytes += f.bytes;
}

console.log(JSON.stringify({ mainBytes, totalBytes, subpackages }, null, 2));
if (mainBytes > MAIN_LIMIT) {
  console.error(`main package ${mainBytes} B exceeds WeChat's 2 MB limit`);
  process.exit(1);
}
if (mainBytes > MAIN_BUDGET) console.warn(`warning: main package ${mainBytes} B is above the 512 KB budget`);
