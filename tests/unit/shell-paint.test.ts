/**
 * @jest-environment jsdom
 *
 * The H5 pre-boot shell's picture of the home: the campaign's banner and real cards (title, figures, a link to
 * the project's page), worded by the same helpers as the app's components, and only as many cards as fit.
 */
import type { ProjectCard } from '@domain/api';
import { CHONGQING_2022 } from '@domain/settings';
import { campaignView } from '../../cloudfunctions/_lib/views';
import { paintHome } from '@/shell/paint';
import { formatYuan } from '@/utils/money';
import { matchDates } from '@/utils/rules';

const campaign = campaignView(CHONGQING_2022);
const project = (i: number): ProjectCard =>
  ({
    id: `p${i}`,
    title: `项目${i}`,
    org: '重庆市某基金会',
    district: '渝中区',
    domain: campaign.domains[0].id,
    raisedFen: 12_345_600,
    targetFen: 50_000_000,
    matchedFen: 0,
    donorCount: 7,
    donationCount: 9,
    flowers: 3,
  }) as ProjectCard;

test('banner, placeholders and the first cards, each linking to its project', () => {
  const root = document.createElement('div');
  root.hidden = true;
  document.body.append(root);
  paintHome(
    root,
    campaign,
    Array.from({ length: 20 }, (_, i) => project(i + 1)),
  );

  expect(root.hidden).toBe(false);
  expect(root.querySelector('.session-banner__name')?.textContent).toBe(campaign.theme.bannerTitle);
  expect(root.querySelector('.session-banner__dates')?.textContent).toContain(matchDates(campaign));
  const cards = Array.from(root.querySelectorAll<HTMLAnchorElement>('.shell-card'));
  // As many as the window's height holds at the fixed card height.
  const fits = Math.ceil(window.innerHeight / ((260 * window.innerWidth) / 750));
  expect(cards).toHaveLength(fits);
  expect(cards[0].getAttribute('href')).toBe('#/pkg-project/detail/index?id=p1');
  expect(cards[0].querySelector('.project-card__title')?.textContent).toBe('项目1');
  expect(cards[0].querySelector('.project-card__domain')?.textContent).toBe(campaign.domains[0].name);
  expect(cards[0].querySelector('.project-card__raised')?.textContent).toBe(
    `已筹 ${formatYuan(12_345_600, { wan: true })}`,
  );
  expect(cards[0].querySelector('.project-card__target')?.textContent).toContain('24%');
  expect((cards[0].querySelector('.progress-bar__fill') as HTMLElement).style.width).toBe('24%');
  // The app's own cards carry .project-card; the shell's never do (tests and the windowed list count those).
  expect(root.querySelector('.project-card')).toBeNull();
});

test('before the campaign answers: blank banner, neutral covers; painting again with it replaces the picture', () => {
  const root = document.createElement('div');
  document.body.append(root);
  const items = [project(1), project(2)];
  paintHome(root, null, items);
  expect(root.querySelector('.session-banner__name')).toBeNull();
  expect(root.querySelector('.session-banner')).not.toBeNull(); // the banner's place is kept
  const cover = root.querySelector<HTMLElement>('.project-card__cover')!;
  expect(cover.textContent).toBe(items[0].domain); // the domain's id until its name is known
  expect(root.querySelector('.project-card__title')?.textContent).toBe('项目1');

  paintHome(root, campaign, items);
  expect(root.querySelectorAll('.session-banner')).toHaveLength(1);
  expect(root.querySelector('.session-banner__name')?.textContent).toBe(campaign.theme.bannerTitle);
  expect(root.querySelector('.project-card__domain')?.textContent).toBe(campaign.domains[0].name);
  expect(root.querySelectorAll('.shell-card')).toHaveLength(2);
});
