/**
 * MatchReveal (the result page's red envelope) as a native custom component: the sponsor's name, the amount
 * counting up from ¥0.00 and ending exactly on the match, and a new match counting again.
 */
import { flush, render, text } from './simulate';

const REVEAL = 'pkg-donate/components/MatchReveal/index';
const COUNT_DONE_MS = 1_500; // the count-up runs 1.2 s

describe('MatchReveal (native)', () => {
  test('names the sponsor and counts up to the exact match', async () => {
    const comp = render(REVEAL, { amountFen: 12_345, sponsor: '腾讯基金会' });
    await flush();
    expect(text(comp, '.match-reveal__label')).toBe('腾讯基金会配捐');
    const first = text(comp, '.match-reveal__amount');
    expect(first).not.toBe('¥123.45'); // still counting
    await new Promise((r) => setTimeout(r, COUNT_DONE_MS));
    expect(text(comp, '.match-reveal__amount')).toBe('¥123.45');
  });

  test('a new amount counts again and lands on it', async () => {
    const comp = render(REVEAL, { amountFen: 500, sponsor: '某企业' });
    await new Promise((r) => setTimeout(r, COUNT_DONE_MS));
    expect(text(comp, '.match-reveal__amount')).toBe('¥5.00');
    comp.setData({ props: { amountFen: 98_765, sponsor: '某企业' } });
    await new Promise((r) => setTimeout(r, COUNT_DONE_MS));
    expect(text(comp, '.match-reveal__amount')).toBe('¥987.65');
  });
});
