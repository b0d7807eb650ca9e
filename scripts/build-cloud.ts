/**
 * `npm run build:cloud`: turn each cloudfunctions/<name>/src/index.ts into a self-contained deployable
 * folder dist/cloudfunctions/<name>/ — index.js (the handler + shared domain code, bundled),
 * package.json whose only dependency is wx-server-sdk (installed in the cloud: "云端安装依赖"), and
 * config.json (explicit timeout, open-API permissions, timer triggers).
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const srcRoot = join(root, 'cloudfunctions');
export const outRoot = join(root, 'dist', 'cloudfunctions');

export function functionNames(): string[] {
  return readdirSync(srcRoot).filter(
    (name) =>
      !name.startsWith('_') &&
      statSync(join(srcRoot, name)).isDirectory() &&
      statSync(join(srcRoot, name, 'src', 'index.ts')).isFile(),
  );
}

const sdkVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'wx-server-sdk', 'package.json'), 'utf8'))
  .version as string;

export async function buildCloud(names = functionNames()): Promise<string[]> {
  await Promise.all(
    names.map(async (name) => {
      const out = join(outRoot, name);
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out, { recursive: true });
      await build({
        entryPoints: [join(srcRoot, name, 'src', 'index.ts')],
        outfile: join(out, 'index.js'),
        bundle: true,
        platform: 'node',
        target: 'node16', // CloudBase's Node.js 16 runtime
        format: 'cjs',
        external: ['wx-server-sdk'],
        minify: false,
        sourcemap: false,
        legalComments: 'none',
        logLevel: 'error',
      });
      const pkg = {
        name,
        version: '1.0.0',
        private: true,
        main: 'index.js',
        dependencies: { 'wx-server-sdk': `~${sdkVersion}` },
      };
      writeFileSync(join(out, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
      copyFileSync(join(srcRoot, name, 'config.json'), join(out, 'config.json'));
    }),
  );
  return names;
}

if (require.main === module) {
  buildCloud()
    .then((names) => console.log(`built ${names.length} cloud functions into dist/cloudfunctions: ${names.join(', ')}`))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
