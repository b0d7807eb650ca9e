/**
 * A windowed list over the page's own scroll: only the cards near the viewport are rendered, each
 * absolutely positioned in a container as tall as the whole list (≈300 projects stay well under the
 * 1000-node budget). Items must have a fixed height, given in design px (750-wide).
 * (@tarojs/components-advanced' VirtualList is not installed; this also avoids a nested ScrollView.)
 */
import { ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Taro, { usePageScroll, useReachBottom } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { measurePageBox, windowSize } from '@/utils/layout';

interface Props<T> {
  items: T[];
  itemKey: (item: T) => string;
  renderItem: (item: T, index: number) => ReactNode;
  /** Fixed item height in design px (750-wide design). */
  itemHeight: number;
  /** Anything that moves the list's top on the page (e.g. an expanded panel) — re-measure when it changes. */
  layoutKey?: unknown;
  onEndReached?: () => void;
  /** Extra items rendered above and below the viewport. */
  overscan?: number;
}

export default function WindowedList<T>({
  items,
  itemKey,
  renderItem,
  itemHeight,
  layoutKey,
  onEndReached,
  overscan = 4,
}: Props<T>) {
  const win = useMemo(windowSize, []);
  // Estimate until measured: design px scale with the window width on both platforms.
  const [itemPx, setItemPx] = useState((itemHeight * win.width) / 750);
  const listTop = useRef(0);
  const scrollTop = useRef(0);
  const [range, setRange] = useState({ start: 0, end: Math.ceil(win.height / itemPx) + overscan });
  const idRef = useRef(`wl-${Math.random().toString(36).slice(2, 8)}`);

  const recompute = useCallback(() => {
    const offset = scrollTop.current - listTop.current;
    const start = Math.max(0, Math.floor(offset / itemPx) - overscan);
    const end = Math.min(items.length, Math.ceil((offset + win.height) / itemPx) + overscan);
    setRange((r) => (r.start === start && r.end === end ? r : { start, end }));
  }, [itemPx, items.length, overscan, win.height]);

  // Measure where the list starts on the page and the real item height.
  useEffect(() => {
    if (items.length === 0) return;
    const timer = setTimeout(() => {
      measurePageBox(idRef.current, (box) => {
        if (!box) return;
        listTop.current = box.top;
        if (box.height > 0) setItemPx(box.height / items.length);
        recompute();
      });
    }, 50);
    return () => clearTimeout(timer);
  }, [items.length, layoutKey, recompute]);

  useEffect(recompute, [recompute]);

  usePageScroll(({ scrollTop: top }) => {
    scrollTop.current = top;
    recompute();
  });

  useReachBottom(() => onEndReached?.());

  // Also ask for more when the rendered window nears the end (reach-bottom can miss on tall screens).
  useEffect(() => {
    if (items.length > 0 && range.end >= items.length - overscan) onEndReached?.();
  }, [range.end, items.length, overscan, onEndReached]);

  const visible = items.slice(range.start, range.end);
  return (
    <View
      id={idRef.current}
      className="windowed-list"
      style={{ position: 'relative', height: Taro.pxTransform(itemHeight * items.length) }}
    >
      {visible.map((item, i) => {
        const index = range.start + i;
        return (
          <View
            key={itemKey(item)}
            className="windowed-list__item"
            style={{
              position: 'absolute',
              left: 0,
              right: 0,
              top: Taro.pxTransform(itemHeight * index),
              height: Taro.pxTransform(itemHeight),
            }}
          >
            {renderItem(item, index)}
          </View>
        );
      })}
    </View>
  );
}
