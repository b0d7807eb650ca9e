/** 配捐开启提醒: ask WeChat for the subscription, then store it (remind.subscribe). */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button } from '@tarojs/components';
import type { CampaignView } from '@domain/api';
import { api } from '@/services/api';
import { requestSubscription } from '@/services/subscribe';
import { errorMessage } from '@/services/errors';
import './index.scss';

export default function RemindButton({ campaign }: { campaign: CampaignView }) {
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const onTap = async () => {
    if (state !== 'idle') return;
    setState('busy');
    try {
      if (!(await requestSubscription(campaign.reminder.templateId))) {
        setState('idle');
        return void Taro.showToast({ title: '未开启提醒', icon: 'none' });
      }
      await api.remind.subscribe(campaign.id);
      setState('done');
      Taro.showToast({ title: `将在${campaign.matchOpensAt}前提醒你`, icon: 'none' });
    } catch (err) {
      setState('idle');
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    }
  };
  return (
    <Button className="remind-button" size="mini" disabled={state !== 'idle' || undefined} onClick={onTap}>
      {state === 'done' ? '已设置提醒' : '配捐开启提醒'}
    </Button>
  );
}
