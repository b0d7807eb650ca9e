/** ProjectCard (the home list / assist page card) as a native custom component under miniprogram-simulate. */
import type { ProjectCard } from '@domain/api';
import { flush, load, render, text } from './simulate';

const CARD = 'components/ProjectCard/index';

const project: ProjectCard = {
  id: 'cq 001', // the space checks the detail URL is encoded
  title: '酉阳乡村学校营养午餐',
  org: '重庆市慈善总会',
  district: '酉阳县',
  domain: '教育帮扶',
  cover: '',
  photo: null,
  summary: '',
  targetFen: 1_200_000, // ¥12,000
  raisedFen: 987_654, // ¥9,876.54: below 1万, so shown in full
  matchedFen: 0,
  donorCount: 321,
  donationCount: 400,
  flowers: 57,
  createdAt: '2022-04-20T00:00:00.000Z',
};

describe('ProjectCard (native)', () => {
  beforeAll(() => load(CARD));

  test('shows title, org · district, raised yuan, percent, donors and flowers', async () => {
    const comp = render(CARD, { project });
    await flush();
    expect(text(comp, '.project-card__title')).toBe('酉阳乡村学校营养午餐');
    expect(text(comp, '.project-card__org')).toBe('重庆市慈善总会 · 酉阳县');
    expect(text(comp, '.project-card__domain')).toBe('教育帮扶');
    // First meta row: raised (grouped thousands) and the floored percent; second: donors and flowers.
    const [money, people] = comp.querySelectorAll('.project-card__meta').map((n: any) => n.dom.textContent);
    expect(money).toBe('已筹 ¥9,876.54' + '目标 ¥1.20万 · 82%');
    expect(people).toBe('321人捐款' + '🌸 57');
    expect(text(comp, '.project-card__raised')).toBe('已筹 ¥9,876.54');
    // The nested ProgressBar gets the same percent.
    expect(comp.querySelector('.progress-bar__fill')!.dom!.style.width).toBe('82%');
  });

  test('cover colour follows the domain', async () => {
    const comp = render(CARD, { project, domain: { name: '教育帮扶', color: '#3a8df0' } });
    await flush();
    expect(comp.querySelector('.project-card__cover')!.dom!.style.background).toContain('rgb(58, 141, 240)'); // #3a8df0
  });

  test('a resolved photo fills the cover (lazy, aspect-filled); a coupon badge when a batch covers it', async () => {
    const comp = render(CARD, { project });
    await flush();
    expect(comp.querySelector('.project-card__photo')).toBeFalsy(); // the colour block until the URL arrives
    expect(comp.querySelector('.project-card__coupon')).toBeFalsy();
    comp.setData({ props: { project, photoUrl: 'http://127.0.0.1/__files/p.png', coupon: true } });
    await flush();
    // The simulator's wx-image keeps src as data, not an attribute: it renders once the URL is known.
    expect(comp.querySelector('.project-card__photo')).toBeTruthy();
    expect(text(comp, '.project-card__coupon')).toBe('券');
  });

  test('large sums switch to 万 and over-funding caps at 100%', async () => {
    const comp = render(CARD, { project });
    await flush();
    comp.setData({ props: { project: { ...project, raisedFen: 33_000_000, donorCount: 1024, flowers: 58 } } });
    await flush();
    expect(text(comp, '.project-card__raised')).toBe('已筹 ¥33.00万'); // ¥330,000.00
    expect(comp.querySelectorAll('.project-card__meta')[0].dom.textContent).toContain('100%');
    expect(comp.querySelector('.progress-bar__fill')!.dom!.style.width).toBe('100%');
    expect(comp.querySelectorAll('.project-card__meta')[1].dom.textContent).toBe('1024人捐款' + '🌸 58');
  });

  test('tapping the card opens the project detail page', async () => {
    const navigateTo = jest.spyOn(
      (globalThis as unknown as { wx: { navigateTo: (o: unknown) => void } }).wx,
      'navigateTo',
    );
    const comp = render(CARD, { project });
    await flush();
    comp.querySelector('.project-card')!.dispatchEvent('tap');
    await flush();
    expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-project/detail/index?id=cq%20001' }));
    navigateTo.mockRestore();
  });
});
