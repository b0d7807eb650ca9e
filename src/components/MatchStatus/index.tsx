/** Today's match window, ticking on server time: countdown → "配捐进行中" → "活动已结束". */
import { useEffect, useState } from 'react';
import type { CampaignStats, CampaignView } from '@domain/api';
import { serverNow } from '@/stores/campaign';
import { View } from '@tarojs/components';
import RemindButton from '@/components/RemindButton';
import MatchStatusView from './MatchStatusView';

interface Props {
  campaign: CampaignView;
  stats: CampaignStats | null;
}

export default function MatchStatus({ campaign, stats }: Props) {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const t = setInterval(() => setNow(serverNow()), 1000);
    return () => clearInterval(t);
  }, []);
  return (
    <>
      <MatchStatusView campaign={campaign} stats={stats} nowMs={now} />
      <View className="remind-row">
        <RemindButton campaign={campaign} />
      </View>
    </>
  );
}
