/**
 * 我的 profile: the nickname and avatar shown on donor lists, the assist page and the certificate. Weapp uses
 * WeChat's 头像昵称填写 (`Button openType="chooseAvatar"`, `Input type="nickname"`); H5 a file picker and a text
 * field. The server checks both (msgSecCheck, imgSecCheck) before keeping them; anonymous donations never show them.
 */
import { useEffect, useState } from 'react';
import { Button, Image, Input, View } from '@tarojs/components';
import { useProfile } from '@/stores/profile';
import { IS_H5 } from '@/utils/env';

const NICKNAME_MAX = 20;

function AvatarPicker({ url, onPick }: { url: string | null; onPick: (source: string | Blob) => void }) {
  const face = url ? (
    <Image className="profile__avatar" src={url} mode="aspectFill" />
  ) : (
    <View className="profile__avatar profile__avatar--empty">头像</View>
  );
  if (!IS_H5)
    return (
      <Button
        className="profile__avatar-button"
        openType="chooseAvatar"
        onChooseAvatar={(e) => onPick(String((e.detail as { avatarUrl?: string }).avatarUrl ?? ''))}
      >
        {face}
      </Button>
    );
  return (
    <View className="profile__avatar-button">
      {face}
      <input
        className="profile__file"
        type="file"
        accept="image/png,image/jpeg"
        aria-label="选择头像"
        onChange={(e) => {
          const file = (e.target as HTMLInputElement).files?.[0];
          if (file) onPick(file);
        }}
      />
    </View>
  );
}

export default function ProfileCard() {
  const { profile, saving, error, load, setNickname, setAvatar } = useProfile();
  const [draft, setDraft] = useState('');
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => setDraft(profile?.nickname ?? ''), [profile?.nickname]);

  const saveNickname = (value = draft) => {
    if (value.trim()) void setNickname(value.trim().slice(0, NICKNAME_MAX));
  };
  return (
    <View className="profile" id="me-profile">
      <AvatarPicker url={profile?.avatarUrl ?? null} onPick={(s) => void setAvatar(s)} />
      <View className="profile__body">
        <Input
          className="profile__nickname"
          type={(IS_H5 ? 'text' : 'nickname') as 'text'}
          value={draft}
          maxlength={NICKNAME_MAX}
          placeholder="设置昵称（展示在捐款名单上）"
          onInput={(e) => setDraft(e.detail.value)}
          onBlur={(e) => !IS_H5 && saveNickname(e.detail.value)}
          onConfirm={(e) => saveNickname(e.detail.value)}
        />
        {IS_H5 && (
          <Button
            size="mini"
            className="profile__save"
            disabled={saving || !draft.trim() || draft.trim() === (profile?.nickname ?? '') || undefined}
            onClick={() => saveNickname()}
          >
            保存
          </Button>
        )}
        <View className="profile__hint">
          {error ? <View className="profile__error">{error}</View> : saving ? '保存中…' : '匿名捐款时不展示昵称和头像'}
        </View>
      </View>
    </View>
  );
}
