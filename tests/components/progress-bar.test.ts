/** ProgressBar / MoneyText as native custom components under miniprogram-simulate. */
import { flush, render } from './simulate';

const PROGRESS_BAR = 'components/ProgressBar/index';
const MONEY_TEXT = 'components/MoneyText/index';

describe('ProgressBar (native)', () => {
  test('fill width is the clamped integer percent', async () => {
    const comp = render(PROGRESS_BAR, { value: 2500, max: 10000 });
    await flush();
    const fill = comp.querySelector('.progress-bar__fill');
    expect(fill).toBeTruthy();
    expect(fill!.dom!.style.width).toBe('25%');
  });

  test('over-funded projects stop at 100%', async () => {
    const comp = render(PROGRESS_BAR, { value: 30000, max: 10000 });
    await flush();
    expect(comp.querySelector('.progress-bar__fill')!.dom!.style.width).toBe('100%');
  });

  test('updates when props change', async () => {
    const comp = render(PROGRESS_BAR, { value: 0, max: 10000 });
    await flush();
    expect(comp.querySelector('.progress-bar__fill')!.dom!.style.width).toBe('0%');
    comp.setData({ props: { value: 7777, max: 10000 } });
    await flush();
    expect(comp.querySelector('.progress-bar__fill')!.dom!.style.width).toBe('77%');
  });
});

describe('MoneyText (native)', () => {
  test('renders fen as yuan with thousands separators', async () => {
    const comp = render(MONEY_TEXT, { fen: 123456 });
    await flush();
    expect(comp.dom!.textContent).toContain('¥1,234.56');
  });

  test('large sums in 万', async () => {
    const comp = render(MONEY_TEXT, { fen: 5_000_000_000, wan: true });
    await flush();
    expect(comp.dom!.textContent).toContain('¥5000.00万');
  });
});
