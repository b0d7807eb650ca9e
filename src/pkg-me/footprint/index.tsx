/** 我的公益足迹: what I gave across every campaign, a shareable card (canvas), and the inviters-board opt-in. */
import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, useShareAppMessage } from '@tarojs/taro';
import { Button, Canvas, Switch, View } from '@tarojs/components';
import type { FootprintResult } from '@domain/api';
import { useFootprint } from '@/stores/footprint';
import { useProfile } from '@/stores/profile';
import { ensureCampaign, useCampaign } from '@/stores/campaign';
import { errorMessage } from '@/services/errors';
import { formatYuan } from '@/utils/money';
import { getCanvas, saveCanvasImage } from '@/utils/canvas';
import StateView from '@/components/StateView';
import { CARD_H, CARD_W, drawFootprint } from './draw';
import { SHARE_COVER } from '@/utils/share';
import './index.scss';

const CANVAS_ID = 'footprint-canvas';

export const footprintStats = (f: FootprintResult): Array<[string, string]> => [
  ['累计捐款', formatYuan(f.donatedFen)],
  ['获得配捐', formatYuan(f.matchedFen)],
  ['帮助项目', `${f.projects} 个`],
  ['帮助区县', `${f.districts} 个`],
  ['送出小红花', `${f.flowersGiven} 朵`],
  ['捐出步数', `${f.stepsDonated} 步`],
  ['参与一起捐', `${f.teamsJoined} 个`],
  ['捐款笔数', `${f.donations} 笔`],
];

export default function Footprint() {
  const { data, error, load, setOptIn } = useFootprint();
  const campaign = useCampaign((s) => s.campaign);
  const { profile, load: loadProfile } = useProfile();
  const canvasRef = useRef<unknown>(null);
  const [drawn, setDrawn] = useState(false);
  useDidShow(() => void load());
  useEffect(() => {
    ensureCampaign();
    void loadProfile();
  }, [loadProfile]);

  useEffect(() => {
    if (!data) return;
    getCanvas(CANVAS_ID, CARD_W, CARD_H)
      .then(({ canvas, ctx }) => {
        drawFootprint(ctx, {
          name: profile?.nickname ?? '爱心人士',
          color: campaign?.theme.primary ?? '#e8443a',
          stats: footprintStats(data),
          footer: `参与 ${data.campaigns} 场公益活动 · ${campaign?.organiser ?? '善行'}`,
        });
        canvasRef.current = canvas;
        setDrawn(true);
      })
      .catch(() => undefined);
  }, [data, profile, campaign]);

  // Share the campaign's home, never personal data in the link.
  useShareAppMessage(() => ({
    title: `我的公益足迹：已帮助 ${data?.projects ?? 0} 个项目，一起来做公益`,
    path: '/pages/index/index',
    imageUrl: SHARE_COVER,
  }));

  if (!data) return error ? <StateView kind="error" text={error} onRetry={load} /> : <StateView kind="loading" />;
  return (
    <View className="footprint">
      <View className="footprint__grid">
        {footprintStats(data).map(([label, value]) => (
          <View key={label} className="footprint__stat">
            <View className="footprint__value">{value}</View>
            <View className="footprint__label">{label}</View>
          </View>
        ))}
      </View>
      <Canvas type="2d" id={CANVAS_ID} canvasId={CANVAS_ID} className="footprint-canvas" />
      <View className="footprint__row">
        <View>在邀请榜上展示我</View>
        <Switch
          className="footprint-optin"
          checked={data.boardOptIn}
          onChange={(e) =>
            void setOptIn(e.detail.value).catch((err) => Taro.showToast({ title: errorMessage(err), icon: 'none' }))
          }
        />
      </View>
      <View className="footprint__actions">
        <Button
          className="footprint-save"
          disabled={!drawn || undefined}
          onClick={() =>
            canvasRef.current &&
            void saveCanvasImage(canvasRef.current).catch(() =>
              Taro.showToast({ title: '保存失败，请检查相册权限', icon: 'none' }),
            )
          }
        >
          保存卡片
        </Button>
        <Button className="footprint-share" openType="share">
          分享
        </Button>
      </View>
    </View>
  );
}
