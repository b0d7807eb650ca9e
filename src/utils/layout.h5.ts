/** H5: window size and page boxes straight from the DOM (see layout.ts). */
import type { Box } from './layout';

export type { Box };

export function windowSize(): { width: number; height: number } {
  return { width: window.innerWidth || 375, height: window.innerHeight || 667 };
}

export function measurePageBox(id: string, done: (box: Box | null) => void): void {
  const el = document.getElementById(id);
  if (!el) return done(null);
  const rect = el.getBoundingClientRect();
  // Taro H5 scrolls each page's own container (the scrollTop usePageScroll reports), not the window.
  const page = el.closest('.taro_page');
  done({ top: rect.top + (page ? page.scrollTop : window.scrollY), height: rect.height });
}
