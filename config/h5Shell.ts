/**
 * Build step of the H5 pre-boot shell (src/shell): bundles it with esbuild into one small inline script and
 * rewrites the page's script tags into preloads the shell starts itself once it has painted. Without it the
 * app's deferred scripts would run first, and the home's first card would wait for the whole framework.
 */
import path from 'node:path';
import { buildSync } from 'esbuild';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import type { Compiler } from 'webpack';

const NAME = 'H5ShellPlugin';

/** ES5: append the app's scripts in order (async=false: they run in order, as the deferred tags they replace). */
const startApp = (srcs: string[]) =>
  `function(){${JSON.stringify(srcs)}.forEach(function(src){var s=document.createElement("script");` +
  's.src=src;s.async=false;document.head.appendChild(s)})}';

export class H5ShellPlugin {
  constructor(private readonly root: string) {}

  private bundle(): string {
    const out = buildSync({
      entryPoints: [path.join(this.root, 'src/shell/index.ts')],
      tsconfig: path.join(this.root, 'tsconfig.app.json'),
      // The H5 variants of platform files, as Taro's own resolution picks them.
      resolveExtensions: ['.h5.ts', '.ts', '.js'],
      define: { 'process.env.TARO_ENV': '"h5"' },
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2015',
      write: false,
    });
    return out.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  }

  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap(NAME, (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap(NAME, (data) => {
        const boot: string[] = [];
        const preload = (tags: HtmlWebpackPlugin.HtmlTagObject[]) =>
          tags.map((tag) => {
            const src = tag.tagName === 'script' ? tag.attributes.src : undefined;
            if (typeof src !== 'string') return tag;
            boot.push(src);
            // Low priority: the shell's two requests go first (the app runs only after the shell painted anyway).
            const attributes = { rel: 'preload', as: 'script', href: src, fetchpriority: 'low' };
            return { ...tag, tagName: 'link', voidTag: true, attributes };
          });
        data.headTags = preload(data.headTags);
        data.bodyTags = preload(data.bodyTags);
        // First in the head, ahead of the stylesheet, so its requests leave before anything else is parsed. Two
        // tags: the ES5 starter of the app's scripts (the shell calls it) with a safety net that calls it in 3 s
        // unless the shell (which a browser too old to parse it would skip) cancels it; then the shell.
        const inline = (innerHTML: string): HtmlWebpackPlugin.HtmlTagObject => ({
          tagName: 'script',
          voidTag: false,
          attributes: {},
          innerHTML,
          meta: { plugin: NAME },
        });
        data.headTags.unshift(
          inline(
            `window.__shellStartApp=${startApp(boot)};` +
              'window.__shellFallback=setTimeout(window.__shellStartApp,3000);',
          ),
          inline(this.bundle()),
        );
        return data;
      });
    });
  }
}
