import { memo } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ProjectCard as Card } from '@domain/api';
import type { DomainStyle } from '@/utils/domains';
import { formatYuan } from '@/utils/money';
import { progressPercent } from '@/utils/progress';
import ProgressBar from '@/components/ProgressBar';
import './index.scss';

/** Fixed card height in design px (750 wide); the windowed list relies on it. */
export const CARD_HEIGHT_RPX = 260;

interface Props {
  project: Card;
  /** The domain's name and colour in the project's campaign (the parent resolves it: props only here). */
  domain?: DomainStyle;
}

function ProjectCard({ project, domain }: Props) {
  const open = () => Taro.navigateTo({ url: `/pkg-project/detail/index?id=${encodeURIComponent(project.id)}` });
  return (
    <View className="project-card" data-id={project.id} onClick={open}>
      <View className="project-card__cover" style={{ background: domain?.color ?? '#9e9e9e' }}>
        <Text className="project-card__domain">{domain?.name ?? project.domain}</Text>
      </View>
      <View className="project-card__body">
        <View className="project-card__title">{project.title}</View>
        <View className="project-card__org">
          {project.org} · {project.district}
        </View>
        <ProgressBar value={project.raisedFen} max={project.targetFen} />
        <View className="project-card__meta">
          <Text className="project-card__raised">已筹 {formatYuan(project.raisedFen, { wan: true })}</Text>
          <Text>{progressPercent(project.raisedFen, project.targetFen)}%</Text>
        </View>
        <View className="project-card__meta">
          <Text>{project.donorCount}人捐款</Text>
          <Text>🌸 {project.flowers}</Text>
        </View>
      </View>
    </View>
  );
}

export default memo(ProjectCard);
