/** H5-only dev tool at the end of a page: act as another user (sent as X-OpenId) — open a second tab as "friend-b". */
import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import { useIdentity } from '@/stores/identity';
import { IS_H5 } from '@/utils/env';
import './index.scss';

interface Props {
  /** Called after the identity changed, so the screen can reload its data. */
  onChange?: () => void;
}

export default function IdentitySwitcher({ onChange }: Props) {
  const { openId, setOpenId } = useIdentity();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(openId);
  if (!IS_H5) return null;

  const apply = (id: string) => {
    setOpenId(id);
    setOpen(false);
    onChange?.();
  };

  // In the page's flow at its end (not floating), so it never covers a control; the panel opens above the chip, so
  // no element appears under the pointer mid-click.
  return (
    <View className="identity-switcher">
      {open && (
        <View className="identity-switcher__panel">
          <View className="identity-switcher__label">开发身份（X-OpenId，留空 = 浏览器默认身份）</View>
          <Input
            className="identity-input"
            value={draft}
            placeholder="例如 friend-b"
            onInput={(e) => setDraft(e.detail.value)}
          />
          <View className="identity-switcher__actions">
            <Button size="mini" className="identity-apply" onClick={() => apply(draft)}>
              切换
            </Button>
            <Button size="mini" className="identity-reset" onClick={() => apply('')}>
              默认
            </Button>
          </View>
        </View>
      )}
      <View className="identity-switcher__fab identity-current" onClick={() => setOpen((o) => !o)}>
        👤 {openId || '默认身份'}
      </View>
    </View>
  );
}
