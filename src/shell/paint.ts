/**
 * The shell's picture of the home, built with plain DOM calls (no framework has run yet). It wears the real
 * components' class names and stylesheets (SessionBanner, ProjectCard, ProgressBar) and words every figure with
 * the same helpers, so what it paints is what the app then draws; the blocks between the banner and the list are
 * placeholders of the same height.
 */
import type { CampaignView, ProjectCard } from '@domain/api';
import { CARD_HEIGHT_RPX } from '@/components/ProjectCard/height';
import { domainStyle } from '@/utils/domains';
import { formatYuan } from '@/utils/money';
import { progressPercent } from '@/utils/progress';
import { bannerPool, matchDates, monthDay } from '@/utils/rules';

type Child = Node | string | null | false | undefined;

function el(tag: string, className: string, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  for (const c of children) if (c) node.append(c);
  return node;
}

function banner(c: CampaignView): HTMLElement {
  const b = el(
    'div',
    'session-banner',
    el('div', 'session-banner__name', c.theme.bannerTitle),
    el(
      'div',
      'session-banner__dates',
      matchDates(c),
      c.warmupStartDate && el('div', 'session-banner__warmup', `预热 ${monthDay(c.warmupStartDate)}起`),
    ),
    el('div', 'session-banner__org', c.theme.bannerSubtitle),
    c.theme.slogan && el('div', 'session-banner__slogan', c.theme.slogan),
    el('div', 'session-banner__pool', bannerPool(c)),
  );
  b.style.background = c.theme.primary;
  return b;
}

/** A card that opens the project: the app boots straight onto its page. */
function card(p: ProjectCard, c: CampaignView | null): HTMLElement {
  const domain = domainStyle(c, p.domain);
  const cover = el('div', 'project-card__cover', el('span', 'project-card__domain', domain.name));
  cover.style.background = domain.color;
  const fill = el('div', 'progress-bar__fill');
  fill.style.width = `${progressPercent(p.raisedFen, p.targetFen)}%`;
  const a = el(
    'a',
    'shell-card',
    cover,
    el(
      'div',
      'project-card__body',
      el('div', 'project-card__title', p.title),
      el('div', 'project-card__org', `${p.org} · ${p.district}`),
      el('div', 'progress-bar', fill),
      el(
        'div',
        'project-card__meta',
        el('span', 'project-card__raised', `已筹 ${formatYuan(p.raisedFen, { wan: true })}`),
        el(
          'span',
          'project-card__target',
          `目标 ${formatYuan(p.targetFen, { wan: true })} · ${progressPercent(p.raisedFen, p.targetFen)}%`,
        ),
      ),
      el('div', 'project-card__meta', el('span', '', `${p.donorCount}人捐款`), el('span', '', `🌸 ${p.flowers}`)),
    ),
  );
  a.setAttribute('href', `#/pkg-project/detail/index?id=${encodeURIComponent(p.id)}`);
  a.dataset.id = p.id;
  return a;
}

/** The app's neutral red (app config), until the campaign's own colour is known. */
const NEUTRAL_PRIMARY = '#e8443a';

/**
 * The home as far as the window shows it: title bar, banner, placeholders, then cards down to the fold. Without
 * the campaign (its reply is still on the way) the bar and banner are blank and the covers neutral; painting
 * again with it replaces the whole picture.
 */
export function paintHome(root: HTMLElement, c: CampaignView | null, projects: ProjectCard[]): void {
  root.textContent = '';
  root.hidden = false;
  const bar = el('div', 'shell__bar', c?.name);
  bar.style.background = c?.theme.primary ?? NEUTRAL_PRIMARY;
  const blocks = el('div', 'shell__blocks');
  for (const b of ['status', 'remind', 'entries', 'stats', 'rules', 'filters']) {
    blocks.append(el('div', `shell__block shell__block--${b}`));
  }
  const top = c ? banner(c) : el('div', 'session-banner');
  if (!c) top.style.background = NEUTRAL_PRIMARY;
  root.append(bar, top, blocks);
  // As many cards as the window's height holds, from the fixed card height: measuring where the list starts
  // would force a layout of its own before the one that shows the cards.
  const cardPx = (CARD_HEIGHT_RPX * window.innerWidth) / 750;
  const list = el('div', 'shell__list');
  for (const p of projects.slice(0, Math.ceil(window.innerHeight / cardPx))) list.append(card(p, c));
  root.append(list);
  root.append(el('div', 'shell__tabbar'));
}
