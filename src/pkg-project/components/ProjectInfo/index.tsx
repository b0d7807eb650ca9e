/** Project page facts: budget table (adds up to the target), 善款去向, execution plan and the organisation card. */
import { Text, View } from '@tarojs/components';
import type { ProjectDetail } from '@domain/api';
import { formatYuan } from '@/utils/money';
import './index.scss';

export default function ProjectInfo({ project }: { project: ProjectDetail }) {
  const { budget, fundUse, plan, orgCard } = project.page;
  return (
    <>
      <View className="detail__card project-budget">
        <View className="detail__h">项目预算</View>
        {budget.map((b) => (
          <View key={b.name} className="project-budget__row">
            <Text>{b.name}</Text>
            <Text className="project-budget__amount">{formatYuan(b.amountFen)}</Text>
          </View>
        ))}
        <View className="project-budget__row project-budget__total">
          <Text>合计（筹款目标）</Text>
          <Text className="project-budget__amount">{formatYuan(project.targetFen)}</Text>
        </View>
      </View>
      <View className="detail__card fund-use">
        <View className="detail__h">善款去向</View>
        {fundUse.map((f) => (
          <View key={f.name} className="fund-use__row">
            <Text className="fund-use__name">{f.name}</Text>
            <View className="fund-use__bar">
              <View className="fund-use__fill" style={{ width: `${f.percent}%` }} />
            </View>
            <Text className="fund-use__pct">{f.percent}%</Text>
          </View>
        ))}
      </View>
      <View className="detail__card project-plan">
        <View className="detail__h">执行计划</View>
        {plan.map((p) => (
          <View key={p.phase} className="project-plan__row">
            <Text className="project-plan__phase">{p.phase}</Text>
            <Text className="detail__muted">{p.when}</Text>
            <View className="project-plan__text">{p.text}</View>
          </View>
        ))}
      </View>
      <View className="detail__card org-card">
        <View className="detail__h">机构信息</View>
        <View className="org-card__row">执行机构：{orgCard.registeredName}</View>
        <View className="org-card__row">统一社会信用代码：{orgCard.creditCode}</View>
        <View className="org-card__row">公募机构：{orgCard.fundraisingOrg}</View>
        <View className="org-card__row filing-no">募捐方案备案编号：{orgCard.filingNo}</View>
      </View>
    </>
  );
}
