/** Donation certificate drawn on a canvas, with save and share. */
import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button, Canvas, View } from '@tarojs/components';
import type { MyDonation } from '@domain/api';
import { useMe } from '@/stores/me';
import { useProfile } from '@/stores/profile';
import { ensureCampaign, useCampaign } from '@/stores/campaign';
import { certificateBody } from '@/utils/rules';
import { primaryBg } from '@/utils/theme';
import { formatYuan } from '@/utils/money';
import { formatBeijing } from '@/utils/time';
import { IS_H5 } from '@/utils/env';
import { copyLinkH5, SHARE_COVER } from '@/utils/share';
import StateView from '@/components/StateView';
import { CERT_H, CERT_W, drawCertificate } from './draw';
import { getCanvas, saveCanvasImage } from '@/utils/canvas';
import './index.scss';

const CANVAS_ID = 'certificate-canvas';

export default function Certificate() {
  const orderId = decodeURIComponent(useRouter().params.orderId ?? '');
  const { data, error, refresh } = useMe();
  const campaign = useCampaign((s) => s.campaign);
  const donation: MyDonation | undefined = data?.items.find((d) => d.orderId === orderId && d.status === 'paid');
  const canvasRef = useRef<unknown>(null);
  const [drawn, setDrawn] = useState(false);
  // The donor's own nickname (users.me); a donation made anonymously stays anonymous here too.
  const { profile, load: loadProfile } = useProfile();
  const [profileLoaded, setProfileLoaded] = useState(!!profile);
  useEffect(() => {
    void loadProfile().finally(() => setProfileLoaded(true));
  }, [loadProfile]);
  const nickname = profile?.nickname ?? null;

  useEffect(() => {
    if (!data) void refresh();
    ensureCampaign();
  }, [data, refresh]);

  useEffect(() => {
    if (!donation || !campaign || !profileLoaded) return;
    const gift = {
      projectTitle: donation.projectTitle,
      amountText: formatYuan(donation.amountFen),
      dateText: formatBeijing(donation.paidAt ?? donation.createdAt, 'YYYY年M月D日'),
    };
    getCanvas(CANVAS_ID, CERT_W, CERT_H)
      .then(({ canvas, ctx }) => {
        drawCertificate(ctx, {
          ...gift,
          title: campaign.certificate.title,
          campaignName: campaign.name,
          organiser: campaign.organiser,
          color: campaign.theme.primary,
          body: certificateBody(campaign, gift),
          donorName: donation.anonymous ? '匿名爱心人士' : (nickname ?? '爱心人士'),
          certificateNo: donation.certificateNo ?? donation.orderId,
        });
        canvasRef.current = canvas;
        setDrawn(true);
      })
      .catch(() => Taro.showToast({ title: '证书生成失败', icon: 'none' }));
  }, [donation, campaign, profileLoaded, nickname]);

  const projectPath = donation
    ? `/pkg-project/detail/index?id=${encodeURIComponent(donation.projectId)}`
    : '/pages/index/index';
  // Share the project, never the certificate/order (no personal data in shared links).
  useShareAppMessage(() => ({
    title: `我为「${donation?.projectTitle ?? campaign?.name ?? '公益项目'}」捐了款，一起来吧`,
    path: projectPath,
    imageUrl: SHARE_COVER,
  }));

  const save = () => {
    if (!canvasRef.current) return;
    saveCanvasImage(canvasRef.current).catch(() => Taro.showToast({ title: '保存失败，请检查相册权限', icon: 'none' }));
  };

  if (!donation) {
    if (error) return <StateView kind="error" text={error} onRetry={refresh} />;
    return <StateView kind={data ? 'empty' : 'loading'} text={data ? '未找到该笔已支付的捐款' : undefined} />;
  }

  return (
    <View className="certificate">
      <Canvas
        type="2d"
        id={CANVAS_ID}
        canvasId={CANVAS_ID}
        className={`certificate-canvas ${drawn ? 'certificate-canvas--drawn' : ''}`}
      />
      <View className="certificate__actions">
        {/* The donation's proof in the sealed books, checked on this device. */}
        <Button
          className="certificate-verify"
          onClick={() =>
            void Taro.navigateTo({ url: `/pkg-books/verify/index?orderId=${encodeURIComponent(donation.orderId)}` })
          }
        >
          验证账目
        </Button>
        <Button className="certificate-save" style={primaryBg(campaign)} disabled={!drawn || undefined} onClick={save}>
          保存图片
        </Button>
        {IS_H5 ? (
          <Button className="certificate-share" onClick={() => void copyLinkH5(projectPath)}>
            分享
          </Button>
        ) : (
          <Button className="certificate-share" openType="share">
            分享
          </Button>
        )}
      </View>
    </View>
  );
}
