/**
 * Share poster: the donation's project and amount, the donor (nickname and avatar from their profile; an anonymous
 * donation shows 爱心网友), and the project's mini-program code.
 */
import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { Button, Canvas, View } from '@tarojs/components';
import type { SharePosterResult } from '@domain/api';
import { api } from '@/services/api';
import { errorMessage } from '@/services/errors';
import { ensureCampaign, useCampaign } from '@/stores/campaign';
import { formatYuan } from '@/utils/money';
import { primaryBg } from '@/utils/theme';
import { IS_H5 } from '@/utils/env';
import { copyLinkH5, SHARE_COVER } from '@/utils/share';
import { getCanvas, loadImage, saveCanvasImage } from '@/utils/canvas';
import StateView from '@/components/StateView';
import { POSTER_H, POSTER_W, drawPoster } from './draw';
import './index.scss';

const CANVAS_ID = 'poster-canvas';

export default function Poster() {
  const orderId = decodeURIComponent(useRouter().params.orderId ?? '');
  const campaign = useCampaign((s) => s.campaign);
  const [poster, setPoster] = useState<SharePosterResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drawn, setDrawn] = useState(false);
  const canvasRef = useRef<unknown>(null);

  const load = () => {
    setError(null);
    api.share
      .poster(orderId)
      .then(setPoster)
      .catch((err) => setError(errorMessage(err)));
  };
  useEffect(() => {
    ensureCampaign();
    load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [orderId]);

  useEffect(() => {
    if (!poster || !campaign) return;
    let live = true;
    getCanvas(CANVAS_ID, POSTER_W, POSTER_H)
      .then(async ({ canvas, ctx }) => {
        const [code, avatar] = await Promise.all([
          loadImage(canvas, poster.tempUrl),
          // An avatar that fails to load leaves the placeholder circle, never the whole poster.
          poster.donor.avatarUrl ? loadImage(canvas, poster.donor.avatarUrl).catch(() => null) : null,
        ]);
        if (!live) return;
        drawPoster(ctx, {
          campaignName: campaign.name,
          color: campaign.theme.primary,
          donorName: poster.donor.name,
          avatar,
          projectTitle: poster.project.title,
          org: poster.project.org,
          amountText: formatYuan(poster.amountFen),
          code,
        });
        canvasRef.current = canvas;
        setDrawn(true);
      })
      .catch(() => live && setError('海报生成失败，请重试'));
    return () => {
      live = false;
    };
  }, [poster, campaign]);

  const projectPath = poster
    ? `/pkg-project/detail/index?id=${encodeURIComponent(poster.project.id)}`
    : '/pages/index/index';
  const title = `我为「${poster?.project.title ?? campaign?.name ?? '公益项目'}」捐了款，一起来吧`;
  // The project, never the order: no personal data in shared links.
  useShareAppMessage(() => ({ title, path: projectPath, imageUrl: SHARE_COVER }));
  useShareTimeline(() => ({
    title,
    query: poster ? `id=${encodeURIComponent(poster.project.id)}` : '',
    imageUrl: SHARE_COVER,
  }));

  if (error) return <StateView kind="error" text={error} onRetry={load} />;
  return (
    <View className="poster">
      {!poster && <StateView kind="loading" />}
      <Canvas
        type="2d"
        id={CANVAS_ID}
        canvasId={CANVAS_ID}
        className={`poster-canvas ${drawn ? 'poster-canvas--drawn' : ''}`}
      />
      <View className="poster__actions">
        <Button
          className="poster-save"
          style={primaryBg(campaign)}
          disabled={!drawn || undefined}
          onClick={() =>
            canvasRef.current &&
            saveCanvasImage(canvasRef.current).catch(() =>
              Taro.showToast({ title: '保存失败，请检查相册权限', icon: 'none' }),
            )
          }
        >
          保存海报
        </Button>
        {IS_H5 ? (
          <Button className="poster-share" onClick={() => void copyLinkH5(projectPath)}>
            分享
          </Button>
        ) : (
          <Button className="poster-share" openType="share">
            分享
          </Button>
        )}
      </View>
    </View>
  );
}
