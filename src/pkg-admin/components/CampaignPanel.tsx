/**
 * Campaign setup: the main settings of the campaign document, checked as typed, with a preview of the donor's home
 * banner. The server validates the whole document; money rules are locked once the session started, and changing
 * them then needs an override reason (recorded in the audit log).
 */
import { useEffect, useState } from 'react';
import { Button, Input, View, Text } from '@tarojs/components';
import type { CampaignView } from '@domain/api';
import type { AdminGetCampaignResult } from '@domain/api/admin';
import type { CampaignSettings } from '@domain/settings';
import { api } from '@/services/api';
import { adminApi } from '@/services/admin';
import { useAdmin } from '@/stores/admin';
import { fenToYuanText, parseYuan } from '@/utils/money';
import SessionBanner from '@/components/SessionBanner';

interface Form {
  name: string;
  shortName: string;
  bannerTitle: string;
  bannerSubtitle: string;
  startDate: string;
  endDate: string;
  opensAt: string;
  closesAt: string;
  poolYuan: string;
  userCapYuan: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

const formOf = (c: CampaignSettings): Form => ({
  name: c.name,
  shortName: c.shortName,
  bannerTitle: c.theme.bannerTitle,
  bannerSubtitle: c.theme.bannerSubtitle,
  startDate: c.startDate,
  endDate: c.endDate,
  opensAt: c.match.opensAt,
  closesAt: c.match.closesAt,
  poolYuan: fenToYuanText(c.match.poolFen),
  userCapYuan: fenToYuanText(c.match.userDailyCapFen),
});

/** Field → what is wrong with it (empty when the form may be sent). */
function check(f: Form): Partial<Record<keyof Form, string>> {
  const e: Partial<Record<keyof Form, string>> = {};
  if (!f.name.trim()) e.name = '请填写名称';
  if (!f.shortName.trim()) e.shortName = '请填写简称';
  if (!DATE.test(f.startDate)) e.startDate = '日期格式 YYYY-MM-DD';
  if (!DATE.test(f.endDate)) e.endDate = '日期格式 YYYY-MM-DD';
  else if (f.endDate < f.startDate) e.endDate = '结束日期早于开始日期';
  if (!TIME.test(f.opensAt)) e.opensAt = '时间格式 HH:mm';
  if (!TIME.test(f.closesAt)) e.closesAt = '时间格式 HH:mm';
  else if (f.closesAt <= f.opensAt) e.closesAt = '须晚于开始时间';
  if (!(parseYuan(f.poolYuan) ?? 0)) e.poolYuan = '请输入金额（元）';
  if (!(parseYuan(f.userCapYuan) ?? 0)) e.userCapYuan = '请输入金额（元）';
  return e;
}

function apply(c: CampaignSettings, f: Form): CampaignSettings {
  return {
    ...c,
    name: f.name.trim(),
    shortName: f.shortName.trim(),
    startDate: f.startDate,
    endDate: f.endDate,
    theme: { ...c.theme, bannerTitle: f.bannerTitle, bannerSubtitle: f.bannerSubtitle },
    match: {
      ...c.match,
      opensAt: f.opensAt,
      closesAt: f.closesAt,
      poolFen: parseYuan(f.poolYuan) ?? c.match.poolFen,
      userDailyCapFen: parseYuan(f.userCapYuan) ?? c.match.userDailyCapFen,
    },
  };
}

const LABELS: Array<[keyof Form, string]> = [
  ['name', '活动名称'],
  ['shortName', '简称'],
  ['bannerTitle', '首页横幅标题'],
  ['bannerSubtitle', '首页横幅副标题'],
  ['startDate', '开始日期'],
  ['endDate', '结束日期'],
  ['opensAt', '每日配捐开始'],
  ['closesAt', '每日配捐结束'],
  ['poolYuan', '配捐池（元）'],
  ['userCapYuan', '每人每日配捐上限（元）'],
];
const MONEY_FIELDS: Array<keyof Form> = ['opensAt', 'closesAt', 'poolYuan', 'userCapYuan'];

export default function CampaignPanel() {
  const { campaignId, run, busy } = useAdmin();
  const [loaded, setLoaded] = useState<AdminGetCampaignResult | null>(null);
  const [view, setView] = useState<CampaignView | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [override, setOverride] = useState('');
  const [saved, setSaved] = useState('');
  useEffect(() => {
    void run(() => adminApi.getCampaign(campaignId)).then((r) => {
      if (!r) return;
      setLoaded(r);
      setForm(formOf(r.campaign));
    });
    void api.campaign.get(campaignId).then(
      (r) => setView(r.campaign),
      () => undefined,
    );
  }, [campaignId, run]);
  if (!loaded || !form) return <View className="console__muted">加载中…</View>;
  const errors = check(form);
  const next = apply(loaded.campaign, form);
  const moneyChanged =
    JSON.stringify(next.match) !== JSON.stringify(loaded.campaign.match) ||
    next.startDate !== loaded.campaign.startDate;
  const needsOverride = loaded.started && moneyChanged;
  const preview: CampaignView | null = view && {
    ...view,
    name: next.name,
    shortName: next.shortName,
    startDate: next.startDate,
    endDate: next.endDate,
    theme: { ...view.theme, bannerTitle: next.theme.bannerTitle, bannerSubtitle: next.theme.bannerSubtitle },
    match: { ...view.match, poolFen: next.match.poolFen },
  };
  const save = async () => {
    const r = await run(() =>
      adminApi.saveCampaign({
        campaign: next as unknown as Record<string, unknown>,
        overrideReason: needsOverride ? override.trim() : undefined,
      }),
    );
    if (!r) return;
    setLoaded({ ...loaded, campaign: r.campaign });
    setSaved(r.overridden.length ? `已保存（经审计的资金规则变更：${r.overridden.join('、')}）` : '已保存');
  };
  return (
    <View className="console__grid campaign-panel">
      <View className="console__card">
        <View className="console__h">活动设置（{campaignId}）</View>
        {loaded.started && (
          <View className="console__muted">活动已开始：资金规则已锁定，修改须填写变更原因并记入日志。</View>
        )}
        {LABELS.map(([key, label]) => (
          <View key={key} className="campaign-field">
            <Text className="console__muted">
              {label}
              {loaded.started && MONEY_FIELDS.includes(key) ? ' 🔒' : ''}
            </Text>
            <Input
              className={`console__input campaign-${key}`}
              value={form[key]}
              onInput={(e) => setForm({ ...form, [key]: e.detail.value })}
            />
            {errors[key] && <View className="console__error campaign-error">{errors[key]}</View>}
          </View>
        ))}
        {needsOverride && (
          <Input
            className="console__input campaign-override"
            placeholder="资金规则变更原因（必填）"
            value={override}
            onInput={(e) => setOverride(e.detail.value)}
          />
        )}
        <Button
          className="console__btn campaign-save"
          disabled={busy || Object.keys(errors).length > 0 || (needsOverride && !override.trim())}
          onClick={() => void save()}
        >
          保存
        </Button>
        {saved && <View className="console__muted campaign-saved">{saved}</View>}
      </View>
      <View className="console__card">
        <View className="console__h">捐赠人首页预览</View>
        <SessionBanner campaign={preview} />
      </View>
    </View>
  );
}
