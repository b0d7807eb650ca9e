/**
 * miniprogram-simulate over the Taro native-component build: load a component once per test file and
 * render it with the official WXML compiler (wcc), so tests check what the mini-program would show.
 */
import path from 'node:path';
import { ensureNativeComponents } from './nativeBuild';

// Required untyped: its typings declare mini-program globals (wx, Require) that clash with Node's.
const simulate: {
  load(path: string, opts: Record<string, unknown>): string;
  render(id: string, props?: Record<string, unknown>): any;
} = require('miniprogram-simulate');

// The simulator has no app or pages: Taro's wrapper reads the current page on attach, and @tarojs/taro
// (imported by components that call Taro APIs) copies the getApp global when it loads.
Object.assign(globalThis, { getCurrentPages: () => [{ route: 'pages/test/index', options: {} }], getApp: () => ({}) });

const ids = new Map<string, string>();

/** Registers a component from config/nativeComponents.ts, e.g. 'components/ProjectCard/index'. */
export function load(component: string): void {
  // Once per file: the component's JS registers its definition on first require only.
  if (ids.has(component)) return;
  const root = ensureNativeComponents(); // a freshness check: globalSetup has already built
  ids.set(component, simulate.load(path.join(root, component), { rootPath: root, compiler: 'official' }));
}

/** Taro's native components take all React props through one `props` property. */
export function render(component: string, props: Record<string, unknown>) {
  load(component);
  const comp = simulate.render(ids.get(component)!, { props });
  comp.attach(document.createElement('parent-wrapper'));
  return comp;
}

/** Let Taro's batched setData reach the view. */
export const flush = () => new Promise((r) => setTimeout(r, 50));

/** Text of the first node matching selector, whitespace collapsed. */
export function text(comp: any, selector: string): string {
  const node = comp.querySelector(selector);
  if (!node) throw new Error(`no ${selector} in ${comp.dom?.innerHTML}`);
  return node.dom!.textContent!.replace(/\s+/g, ' ').trim();
}
