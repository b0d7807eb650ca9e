import { Text, View } from '@tarojs/components';
import './index.scss';

const RULES: Array<{ title: string; text: string }> = [
  { title: '配捐规则', text: '4月27日–29日每天10:00起，单笔捐款满1元即有机会获得腾讯公益慈善基金会随机金额配捐，配捐金额有限，先到先得。每人每日配捐有上限，1分钟内捐款超过4笔的不参与配捐。' },
  { title: '好友助力', text: '邀请好友为你捐助的项目助力：好友通过助力页捐款满1元、完成公益答题或送出小红花，你捐助的项目有机会再获得一次随机配捐。' },
  { title: '一块走', text: '每人每天微信步数达到6000步即可捐出步数，由爱心企业出资捐赠，并有机会获得企业和基金会随机配捐。' },
  { title: '小红花', text: '捐款、答题、捐步可获得小红花，小红花可送给喜欢的项目，为项目加油。' },
];

interface Props {
  open: boolean;
  onToggle: () => void;
}

export default function RulesPanel({ open, onToggle }: Props) {
  return (
    <View className='rules-panel'>
      <View className='rules-panel__head rules-toggle' onClick={onToggle}>
        <Text>专场规则</Text>
        <Text className='rules-panel__arrow'>{open ? '收起 ▲' : '展开 ▼'}</Text>
      </View>
      {open &&
        RULES.map((r) => (
          <View key={r.title} className='rules-panel__item'>
            <View className='rules-panel__title'>{r.title}</View>
            <View className='rules-panel__text'>{r.text}</View>
          </View>
        ))}
    </View>
  );
}
