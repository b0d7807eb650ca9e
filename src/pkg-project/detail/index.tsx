/** Project detail: story, money by source, recent donations, updates; 我要捐款 opens the donate sheet. */
import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow, useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ProjectDetail } from '@domain/api';
import { useProjects } from '@/stores/projects';
import { useCampaign } from '@/stores/campaign';
import { ApiError, errorMessage } from '@/services/errors';
import { useFlowers } from '@/stores/flowers';
import { usePhotos } from '@/stores/photos';
import { formatYuan } from '@/utils/money';
import { domainStyle } from '@/utils/domains';
import { assistWays, flowersHowTo, shareTitle } from '@/utils/rules';
import { primaryBg } from '@/utils/theme';
import { IS_H5 } from '@/utils/env';
import { copyLinkH5, sceneProjectId, SHARE_COVER } from '@/utils/share';
import ProgressBar from '@/components/ProgressBar';
import StateView from '@/components/StateView';
import SourceBreakdown from '../components/SourceBreakdown';
import ProjectBooks from '../components/ProjectBooks';
import DonorList from '../components/DonorList';
import ProjectInfo from '../components/ProjectInfo';
import ProjectUpdates from '../components/ProjectUpdates';
import PhotoGallery from '../components/PhotoGallery';
import DonateSheet from '@/components/DonateSheet';
import InviteButton, { assistShareMessage } from '@/components/InviteButton';
import TeamStartButton from '../components/TeamStartButton';
import './index.scss';

export default function Detail() {
  const params = useRouter().params;
  const id = decodeURIComponent(params.id ?? '') || sceneProjectId(params.scene); // a link, or a poster's code
  const cached = useProjects((s) => s.details[id]);
  const fetchDetail = useProjects((s) => s.fetchDetail);
  const { campaign, refresh: refreshCampaign } = useCampaign();
  const [project, setProject] = useState<ProjectDetail | null>(cached ?? null);
  const [error, setError] = useState<string | null>(null);
  const [sheetOpen, setSheetOpen] = useState(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      setProject(await fetchDetail(id));
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [fetchDetail, id]);

  // On every show: back from a payment (or another page), the figures and donors are fetched again.
  useDidShow(() => void load());
  useEffect(() => {
    if (!useCampaign.getState().campaign) void refreshCampaign();
  }, [refreshCampaign]);
  // A refresh elsewhere (after a payment) lands in the store: show it.
  useEffect(() => {
    if (cached) setProject(cached);
  }, [cached]);

  const path = `/pkg-project/detail/index?id=${encodeURIComponent(id)}`;
  // The share card's image: the project's first photo (its temporary URL, once resolved).
  const shareImage = () => (project?.photo && usePhotos.getState().urls[project.photo]) || SHARE_COVER;
  useShareAppMessage(
    (payload) =>
      assistShareMessage(payload, id, project?.title ?? '') ?? {
        title: project?.title ?? shareTitle(useCampaign.getState().campaign),
        path,
        imageUrl: shareImage(),
      },
  );
  useShareTimeline(() => ({
    title: project?.title ?? '',
    query: `id=${encodeURIComponent(id)}`,
    imageUrl: shareImage(),
  }));
  const { give, giving } = useFlowers();

  const giveFlower = async () => {
    try {
      const res = await give(id);
      setProject((p) => (p ? { ...p, flowers: p.flowers + 1 } : p));
      Taro.showToast({ title: `已送出一朵小红花，还剩${res.balance}朵`, icon: 'none' });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'FLOWERS_INSUFFICIENT') {
        const c = useCampaign.getState().campaign;
        void Taro.showModal({
          title: '小红花不足',
          content: c ? flowersHowTo(c) : '小红花可通过捐款、答题、捐步获得',
          confirmText: '去答题',
          cancelText: '知道了',
        }).then((r) => {
          if (r.confirm) void Taro.navigateTo({ url: '/pkg-quiz/quiz/index' });
        });
      } else Taro.showToast({ title: errorMessage(err), icon: 'none' });
    }
  };

  if (!project) return error ? <StateView kind="error" text={error} onRetry={load} /> : <StateView kind="loading" />;
  const domain = domainStyle(campaign, project.domain);

  return (
    <View className="detail">
      <PhotoGallery photos={project.photos ?? []} title={project.title} />
      <View className="detail__cover" style={{ background: domain.color }}>
        <Text className="detail__domain">{domain.name}</Text>
        <View className="detail__title project-title">{project.title}</View>
      </View>
      <View className="detail__card">
        <View className="detail__raised">
          已筹 <Text className="detail__money">{formatYuan(project.raisedFen)}</Text> / 目标{' '}
          {formatYuan(project.targetFen)}
        </View>
        <ProgressBar value={project.raisedFen} max={project.targetFen} />
        <View className="detail__meta">
          <Text>{project.donorCount}人捐款</Text>
          <Text>{project.donationCount}笔</Text>
          <Text className="project-flowers">🌸 {project.flowers}</Text>
        </View>
        <View className="detail__org">
          执行机构：{project.org} · {project.district}
        </View>
      </View>
      <View className="detail__card detail__help">
        <View className="detail__h">一起助力</View>
        {campaign && campaign.assist.actions.length > 0 && (
          <View className="detail__muted">
            捐款后邀请好友助力：好友{assistWays(campaign)}，你的捐款有机会获得额外配捐
          </View>
        )}
        <View className="detail__help-actions">
          {(!campaign || campaign.assist.actions.length > 0) && (
            <InviteButton projectId={project.id} className="detail__invite" />
          )}
          <Button className="flower-give" disabled={giving || undefined} onClick={giveFlower}>
            送小红花 🌸
          </Button>
          <TeamStartButton projectId={project.id} disabled={project.status !== 'fundraising'} />
        </View>
      </View>
      <View className="detail__card">
        <View className="detail__h">筹款构成</View>
        <SourceBreakdown bySource={project.bySource} />
      </View>
      <ProjectBooks projectId={project.id} />
      <View className="detail__card">
        <View className="detail__h">项目故事</View>
        <View className="detail__story">{project.story}</View>
      </View>
      <ProjectInfo project={project} />
      <DonorList projectId={project.id} first={project.recentDonations} />
      <ProjectUpdates updates={project.updates} />
      <View className="detail__bar">
        {IS_H5 ? (
          <Button className="share-button" onClick={() => void copyLinkH5(path)}>
            分享
          </Button>
        ) : (
          <Button className="share-button" openType="share">
            分享
          </Button>
        )}
        <Button
          className="donate-button"
          style={project.status === 'fundraising' ? primaryBg(campaign) : undefined}
          disabled={project.status !== 'fundraising' || undefined}
          onClick={() => setSheetOpen(true)}
        >
          {project.status === 'fundraising' ? '我要捐款' : '筹款已结束'}
        </Button>
      </View>
      {sheetOpen && (
        <DonateSheet
          projectId={project.id}
          projectTitle={project.title}
          campaign={campaign}
          onClose={() => setSheetOpen(false)}
        />
      )}
    </View>
  );
}
