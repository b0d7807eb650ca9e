/**
 * The match reveal: a red envelope opens (CSS keyframes, weapp and H5) and the amount counts up from zero to the
 * match. With prefers-reduced-motion (H5) the envelope is shown open and the amount at once. Decorative: the page's
 * `.match-result` line carries the same amount as text.
 */
import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { formatYuan } from '@/utils/money';
import './index.scss';

const COUNT_MS = 1_200;
const STEPS = 20; // ≤ 20 updates in 1.2 s: under the mini-program's setData rate guidance

const reducedMotion = (): boolean =>
  typeof window !== 'undefined' &&
  typeof window.matchMedia === 'function' &&
  window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Eased count-up from 0 to `target` fen (whole fen at every step, exact at the end). */
export function useCountUp(target: number): number {
  const [shown, setShown] = useState(() => (reducedMotion() ? target : 0));
  useEffect(() => {
    if (reducedMotion()) return setShown(target);
    let step = 0;
    const t = setInterval(() => {
      step++;
      const p = 1 - (1 - step / STEPS) ** 3;
      setShown(step >= STEPS ? target : Math.round(target * p));
      if (step >= STEPS) clearInterval(t);
    }, COUNT_MS / STEPS);
    return () => clearInterval(t);
  }, [target]);
  return shown;
}

export default function MatchReveal({ amountFen, sponsor }: { amountFen: number; sponsor: string }) {
  const shown = useCountUp(amountFen);
  return (
    <View className="match-reveal" aria-hidden>
      <View className="match-reveal__envelope">
        <View className="match-reveal__card">
          <View className="match-reveal__label">{sponsor}配捐</View>
          <Text className="match-reveal__amount" data-final={String(amountFen)}>
            {formatYuan(shown)}
          </Text>
        </View>
        <View className="match-reveal__pocket" />
        <View className="match-reveal__flap" />
        <View className="match-reveal__seal">開</View>
      </View>
    </View>
  );
}
