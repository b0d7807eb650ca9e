/**
 * ProgressBar / MoneyText built by Taro as native custom components and rendered by miniprogram-simulate
 * with the official WXML compiler (wcc): checks what the mini-program would really show.
 */
import path from 'node:path';
// Required untyped: its typings declare mini-program globals (wx, Require) that clash with Node's.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const simulate: {
  load(path: string, opts: Record<string, unknown>): string;
  render(id: string, props?: Record<string, unknown>): any;
} = require('miniprogram-simulate');
import { ensureNativeComponents } from './nativeBuild';

// Taro's native-component wrapper reads the current page on attach; the simulator has no pages.
(globalThis as unknown as { getCurrentPages: () => unknown[] }).getCurrentPages = () => [{ route: 'pages/test/index', options: {} }];

const ids: Record<string, string> = {};

beforeAll(() => {
  const root = ensureNativeComponents();
  // Load each component once: its JS registers the definition on first require only.
  for (const name of ['ProgressBar', 'MoneyText']) {
    ids[name] = simulate.load(path.join(root, 'components', name, 'index'), { rootPath: root, compiler: 'official' });
  }
}, 120_000);

/** Taro's native components take all React props through one `props` property. */
function render(component: string, props: Record<string, unknown>) {
  const comp = simulate.render(ids[component], { props });
  comp.attach(document.createElement('parent-wrapper'));
  return comp;
}

/** Let Taro's batched setData reach the view. */
const flush = () => new Promise((r) => setTimeout(r, 50));

describe('ProgressBar (native)', () => {
  test('fill width is the clamped integer percent', async () => {
    const comp = render('ProgressBar', { value: 2500, max: 10000 });
    await flush();
    const fill = comp.querySelector('.progress-bar__fill');
    expect(fill).toBeTruthy();
    expect(fill!.dom!.style.width).toBe('25%');
  });

  test('over-funded projects stop at 100%', async () => {
    const comp = render('ProgressBar', { value: 30000, max: 10000 });
    await flush();
    expect(comp.querySelector('.progress-bar__fill')!.dom!.style.width).toBe('100%');
  });

  test('updates when props change', async () => {
    const comp = render('ProgressBar', { value: 0, max: 10000 });
    await flush();
    expect(comp.querySelector('.progress-bar__fill')!.dom!.style.width).toBe('0%');
    comp.setData({ props: { value: 7777, max: 10000 } });
    await flush();
    expect(comp.querySelector('.progress-bar__fill')!.dom!.style.width).toBe('77%');
  });
});

describe('MoneyText (native)', () => {
  test('renders fen as yuan', async () => {
    const comp = render('MoneyText', { fen: 123456 });
    await flush();
    expect(comp.dom!.textContent).toContain('¥1234.56');
  });

  test('large sums in 万', async () => {
    const comp = render('MoneyText', { fen: 5_000_000_000, wan: true });
    await flush();
    expect(comp.dom!.textContent).toContain('¥5000.00万');
  });
});
