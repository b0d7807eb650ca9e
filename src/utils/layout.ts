/**
 * Window size and where an element sits on the page (weapp: Taro's window info and a selector query).
 * layout.h5.ts reads the DOM directly: on H5 Taro's versions of these pull a user-agent parser and the
 * selector-query module onto the home's first load.
 */
import Taro from '@tarojs/taro';

export interface Box {
  /** Top edge in page coordinates (viewport top + page scroll), px. */
  top: number;
  height: number;
}

export function windowSize(): { width: number; height: number } {
  const info = Taro.getWindowInfo();
  return { width: info.windowWidth || 375, height: info.windowHeight || 667 };
}

export function measurePageBox(id: string, done: (box: Box | null) => void): void {
  Taro.createSelectorQuery()
    .select(`#${id}`)
    .boundingClientRect()
    .selectViewport()
    .scrollOffset()
    .exec((res) => {
      const rect = res?.[0] as { top: number; height: number } | null;
      const viewport = res?.[1] as { scrollTop: number } | null;
      done(rect ? { top: rect.top + (viewport?.scrollTop ?? 0), height: rect.height } : null);
    });
}
