import { memo } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { ProjectCard as Card } from '@domain/api';
import type { DomainStyle } from '@/utils/domains';
import { formatYuan } from '@/utils/money';
import { progressPercent } from '@/utils/progress';
import ProgressBar from '@/components/ProgressBar';
import './index.scss';

export { CARD_HEIGHT_RPX } from './height';

interface Props {
  project: Card;
  /** The domain's name and colour in the project's campaign (the parent resolves it: props only here). */
  domain?: DomainStyle;
  /** The photo's temporary URL (the parent resolves the card photos in batches); the colour block until then. */
  photoUrl?: string;
  /** An open love-coupon batch covers this project (the parent derives it from its one cached coupon list). */
  coupon?: boolean;
}

function ProjectCard({ project, domain, photoUrl, coupon }: Props) {
  const open = () => Taro.navigateTo({ url: `/pkg-project/detail/index?id=${encodeURIComponent(project.id)}` });
  return (
    <View className="project-card" data-id={project.id} onClick={open}>
      <View className="project-card__cover" style={{ background: domain?.color ?? '#9e9e9e' }}>
        {photoUrl && <Image className="project-card__photo" src={photoUrl} mode="aspectFill" lazyLoad />}
        {coupon && <Text className="project-card__coupon">券</Text>}
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
          <Text className="project-card__target">
            目标 {formatYuan(project.targetFen, { wan: true })} ·{' '}
            {progressPercent(project.raisedFen, project.targetFen)}%
          </Text>
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
