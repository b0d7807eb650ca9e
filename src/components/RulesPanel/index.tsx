import { Text, View } from '@tarojs/components';
import type { CampaignView } from '@domain/api';
import { rulesList } from '@/utils/rules';
import './index.scss';

interface Props {
  campaign: CampaignView | null;
  open: boolean;
  onToggle: () => void;
}

export default function RulesPanel({ campaign, open, onToggle }: Props) {
  if (!campaign) return null;
  return (
    <View className="rules-panel">
      <View className="rules-panel__head rules-toggle" onClick={onToggle}>
        <Text>{campaign.shortName}规则</Text>
        <Text className="rules-panel__arrow">{open ? '收起 ▲' : '展开 ▼'}</Text>
      </View>
      {open &&
        rulesList(campaign).map((r) => (
          <View key={r.title} className="rules-panel__item">
            <View className="rules-panel__title" style={{ color: campaign.theme.primary }}>
              {r.title}
            </View>
            <View className="rules-panel__text">{r.text}</View>
          </View>
        ))}
    </View>
  );
}
