/** Bottom sheet: amount (presets or custom yuan), optional message, anonymous switch → create, pay, go to result. */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Switch, Text, Textarea, View } from '@tarojs/components';
import type { CampaignView } from '@domain/api';
import { useDonation } from '@/stores/donation';
import { errorMessage } from '@/services/errors';
import { checkAmount, formatYuan } from '@/utils/money';
import './index.scss';

const PRESETS_FEN = [100, 1000, 5000, 10000];
const MESSAGE_MAX = 100;

interface Props {
  projectId: string;
  projectTitle: string;
  campaign: CampaignView | null;
  onClose: () => void;
}

export default function DonateSheet({ projectId, projectTitle, campaign, onClose }: Props) {
  const [presetFen, setPresetFen] = useState<number | null>(1000);
  const [custom, setCustom] = useState('');
  const [message, setMessage] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { donate, submitting } = useDonation();

  const minFen = campaign?.minDonationFen ?? 100;
  const maxFen = campaign?.maxDonationFen ?? 5_000_000;

  const submit = async () => {
    const check = presetFen !== null ? { ok: true as const, fen: presetFen } : checkAmount(custom, minFen, maxFen);
    if (!check.ok) return setError(check.message);
    setError(null);
    try {
      const orderId = await donate({ projectId, amountFen: check.fen, message: message.trim() || undefined, anonymous });
      onClose();
      Taro.navigateTo({ url: `/pkg-donate/result/index?orderId=${encodeURIComponent(orderId)}` });
    } catch (err) {
      // A created-but-unpaid order simply expires on the server; nothing to undo here.
      setError(errorMessage(err));
    }
  };

  return (
    <View className='donate-sheet-mask' onClick={onClose}>
      <View className='donate-sheet' onClick={(e) => e.stopPropagation()}>
        <View className='donate-sheet__title'>捐给：{projectTitle}</View>
        <View className='donate-sheet__presets'>
          {PRESETS_FEN.map((fen) => (
            <View
              key={fen}
              className={`amount-preset ${presetFen === fen ? 'amount-preset--active' : ''}`}
              data-fen={fen}
              onClick={() => {
                setPresetFen(fen);
                setCustom('');
                setError(null);
              }}
            >
              {fen / 100}元
            </View>
          ))}
        </View>
        <View className='donate-sheet__row'>
          <Text>其他金额</Text>
          <Input
            className='amount-input'
            type='digit'
            value={custom}
            placeholder={`${formatYuan(minFen)}起`}
            onInput={(e) => {
              setCustom(e.detail.value);
              setPresetFen(null);
              setError(null);
            }}
          />
          <Text>元</Text>
        </View>
        <Textarea
          className='message-input'
          value={message}
          maxlength={MESSAGE_MAX}
          placeholder='留言（选填，100字以内）'
          onInput={(e) => setMessage(e.detail.value.slice(0, MESSAGE_MAX))}
        />
        <View className='donate-sheet__row'>
          <Text>匿名捐款</Text>
          <Switch className='anonymous-switch' checked={anonymous} color='#e8443a' onChange={(e) => setAnonymous(e.detail.value)} />
        </View>
        {error && <View className='donate-error'>{error}</View>}
        <Button className='donate-submit' disabled={submitting || undefined} loading={submitting || undefined} onClick={submit}>
          确认捐款
        </Button>
        <View className='donate-sheet__hint'>每天10:00起单笔满1元有机会获得腾讯配捐</View>
      </View>
    </View>
  );
}
