/**
 * 一块走: today's WeRun steps with a ring to the campaign's threshold, donate them once a day on the campaign's
 * step days (a caring enterprise pays, with a chance of a Foundation match on match days only — a warm-up day
 * has none — and a flower), the 7-day history and the sponsor wall.
 * Weapp reads WeRun (scope.werun); H5 has a local-emulator panel that issues the cloudID instead.
 */
import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { useSteps } from '@/stores/steps';
import { ensureCampaign, serverNow, useCampaign } from '@/stores/campaign';
import { emulatedSteps, openWeRunSetting, setEmulatedSteps } from '@/services/werun';
import { errorMessage } from '@/services/errors';
import StateView from '@/components/StateView';
import IdentitySwitcher from '@/components/IdentitySwitcher';
import { formatYuan } from '@/utils/money';
import { beijingDate } from '@/utils/time';
import { monthDay, stepsPeriodState, stepsPeriodText, stepsThresholdRule } from '@/utils/rules';
import { IS_H5 } from '@/utils/env';
import './index.scss';

/** 6543 → "6,543" (no Intl: some mini-program runtimes lack it). */
const formatSteps = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function Ring({ steps, threshold }: { steps: number; threshold: number | null }) {
  const pct = threshold === null ? 0 : Math.max(0, Math.min(100, Math.floor((steps * 100) / Math.max(1, threshold))));
  return (
    <View
      className="steps-ring"
      data-pct={pct}
      style={{ background: `conic-gradient(#ffd166 ${pct * 3.6}deg, rgba(255,255,255,0.25) 0deg)` }}
    >
      <View className="steps-ring__inner">
        <View className="steps-count">{formatSteps(steps)}</View>
        {threshold !== null && <View className="steps-ring__goal">目标 {formatSteps(threshold)} 步</View>}
      </View>
    </View>
  );
}

function EmulatorPanel({ onSet }: { onSet: () => void }) {
  const [draft, setDraft] = useState(String(emulatedSteps() ?? 8000));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const apply = async () => {
    const n = Number(draft);
    if (!Number.isInteger(n) || n < 0 || n > 200000) return setError('请输入0–200000的整数步数');
    setBusy(true);
    setError(null);
    try {
      await setEmulatedSteps(n);
      onSet();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="werun-emulator">
      <View className="werun-emulator__h">本地模拟微信运动</View>
      <View className="werun-emulator__row">
        <Input className="werun-steps-input" type="number" value={draft} onInput={(e) => setDraft(e.detail.value)} />
        <Text>步</Text>
        <Button size="mini" className="werun-set" disabled={busy || undefined} onClick={apply}>
          设置今日步数
        </Button>
      </View>
      {error && <View className="werun-emulator__error">{error}</View>}
      <View className="werun-emulator__hint">
        浏览器里没有微信运动：由本地模拟器为当前身份签发步数 cloudID（5分钟有效）
      </View>
    </View>
  );
}

export default function Steps() {
  const {
    today,
    history,
    sponsors,
    result,
    projectId,
    projects,
    loading,
    donating,
    error,
    donateError,
    setProject,
    load,
    donate,
  } = useSteps();
  const campaign = useCampaign((s) => s.campaign);
  useDidShow(() => {
    void load();
    ensureCampaign();
  });

  // The server's threshold for today wins; the campaign's until today's is read.
  const threshold = today?.threshold ?? campaign?.steps.threshold ?? null;
  const day = beijingDate(serverNow());
  const period = campaign ? stepsPeriodState(campaign, day) : null;
  // Outside the step days there is nothing to donate; on a warm-up day steps work without the match.
  const stepDay = period !== 'before' && period !== 'after';
  const steps = today?.steps ?? 0;
  const sponsorName = (id: string | null | undefined) =>
    id ? (sponsors?.items.find((s) => s.id === id)?.name ?? '爱心企业') : null;
  const projectTitle = (id: string | null | undefined) => projects.find((p) => p.id === id)?.title ?? '';
  const pickerIndex = Math.max(
    0,
    projects.findIndex((p) => p.id === projectId),
  );

  return (
    <View className="steps">
      <View className="steps__head">
        <View className="steps__title">一块走 · 捐步数</View>
        {campaign && <View className="steps__sub">{stepsThresholdRule(campaign)}，爱心企业替你捐款</View>}
        {campaign && <View className={`steps-period steps-period--${period}`}>{stepsPeriodText(campaign, day)}</View>}
        <Ring steps={steps} threshold={threshold} />
      </View>

      {IS_H5 && <EmulatorPanel onSet={() => void load()} />}

      {error && error.code === 'WERUN_DENIED' && (
        <View className="steps-card steps-denied">
          <View>一块走需要读取你的微信运动步数。步数只用于计算今天是否达标，不会公开。</View>
          <Button
            className="steps-setting"
            onClick={() =>
              void openWeRunSetting().then((ok) => {
                if (ok) void load();
              })
            }
          >
            去设置开启微信运动
          </Button>
        </View>
      )}
      {error && error.code === 'WERUN_UNAVAILABLE' && IS_H5 && (
        <View className="steps-card steps-hint">请先在上方设置今日模拟步数</View>
      )}
      {error && error.code !== 'WERUN_DENIED' && !(error.code === 'WERUN_UNAVAILABLE' && IS_H5) && (
        <StateView kind="error" text={error.message} onRetry={load} />
      )}
      {!today && loading && <StateView kind="loading" />}

      {result && (
        <View className="steps-card steps-result">
          {result.sponsor ? (
            <View className="steps-result__main">
              {result.sponsor.name} 为你的 {formatSteps(result.steps)} 步捐出 {formatYuan(result.amountFen)}
            </View>
          ) : (
            <View className="steps-result__main steps-result--exhausted">企业配捐已用完，送你一朵小红花</View>
          )}
          {result.match && result.match.amountFen > 0 && (
            <View className="steps-result__match">腾讯基金会额外配捐 {formatYuan(result.match.amountFen)}</View>
          )}
          {result.flowersEarned > 0 && (
            <View className="steps-result__flowers">获得小红花 🌸×{result.flowersEarned}</View>
          )}
          <View className="steps-result__project">捐给：{projectTitle(result.projectId) || '推荐项目'}</View>
        </View>
      )}

      {today && today.donatedToday && !result && (
        <View className="steps-card steps-done">
          <View className="steps-done__main">今日步数已捐出</View>
          {today.donation && (
            <View className="steps-done__sub">
              {today.donation.sponsorId
                ? `${sponsorName(today.donation.sponsorId)} 为你的 ${formatSteps(today.donation.steps)} 步` +
                  `捐出 ${formatYuan(today.donation.amountFen)}`
                : `已捐出 ${formatSteps(today.donation.steps)} 步（企业配捐已用完）`}
            </View>
          )}
          <View className="steps-done__hint">明天继续走，再来捐步</View>
        </View>
      )}

      {today && !today.donatedToday && stepDay && (
        <View className="steps-card">
          {today.eligible ? (
            <>
              <View className="steps-card__h">今天已走 {formatSteps(today.steps)} 步，可以捐出啦</View>
              {projects.length > 0 ? (
                <Picker
                  mode="selector"
                  range={projects.map((p) => p.title)}
                  value={pickerIndex}
                  onChange={(e) => setProject(projects[Number(e.detail.value)].id)}
                >
                  <View className="steps-project">
                    捐给：<Text className="steps-project__title">{projectTitle(projectId) || '推荐项目'}</Text> ›
                  </View>
                </Picker>
              ) : (
                <View className="steps-project">捐给：推荐项目</View>
              )}
              <Button
                className="steps-donate"
                disabled={donating || undefined}
                loading={donating || undefined}
                onClick={() => void donate()}
              >
                捐出今日步数
              </Button>
            </>
          ) : (
            <View className="steps-below">
              今日步数未达{formatSteps(today.threshold)}步，还差
              {formatSteps(Math.max(0, today.threshold - today.steps))}步，继续加油
            </View>
          )}
          {donateError && (
            <View className="steps-error">
              {donateError.code === 'CLOUDID_INVALID' ? '步数信息无效，请重新进入页面获取' : donateError.message}
            </View>
          )}
        </View>
      )}

      <View className="steps-card">
        <View className="steps-card__h">近7天</View>
        {history.map((h) => (
          <View
            key={h.day}
            className={`steps-history-item ${h.donated ? 'steps-history-item--donated' : ''}`}
            data-day={h.day}
          >
            <Text className="steps-history-item__day">{monthDay(h.day)}</Text>
            <Text className="steps-history-item__steps">{h.donated ? `${formatSteps(h.steps)}步` : '未捐步'}</Text>
            <Text className="steps-history-item__amount">
              {h.donated
                ? `${h.sponsorName || '企业配捐已用完'}` +
                  `${h.amountFen > 0 ? ` ${formatYuan(h.amountFen)}` : ''}` +
                  `${h.matchFen > 0 ? ` +配捐${formatYuan(h.matchFen)}` : ''}`
                : ''}
            </Text>
          </View>
        ))}
      </View>

      {sponsors && (
        <View className="steps-card">
          <View className="steps-card__h">爱心企业墙</View>
          <View className="steps-sponsors__totals">
            共认捐 {formatYuan(sponsors.totals.pledgedFen, { wan: true })} · 已捐出{' '}
            {formatYuan(sponsors.totals.paidFen, { wan: true })}
          </View>
          {sponsors.items.map((s) => (
            <View key={s.id} className="sponsor-item" data-id={s.id}>
              <View className="sponsor-item__line">
                <Text className="sponsor-item__name">{s.name}</Text>
                <Text className="sponsor-item__paid">已捐 {formatYuan(s.paidFen)}</Text>
              </View>
              <View className="sponsor-item__line sponsor-item__sub">
                <Text>{s.slogan}</Text>
                <Text>认捐 {formatYuan(s.pledgedFen, { wan: true })}</Text>
              </View>
            </View>
          ))}
        </View>
      )}
      <IdentitySwitcher onChange={() => void load()} />
    </View>
  );
}
