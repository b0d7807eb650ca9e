/**
 * 邀请好友助力. Weapp: a share button (the page's useShareAppMessage calls `assistShareMessage`, which asks
 * `assist.share` for the opaque shareId path). H5: no share menu, so show a copyable link to the assist page.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { useAssist } from '@/stores/assist';
import { errorMessage } from '@/services/errors';
import { IS_H5 } from '@/utils/env';
import './index.scss';

/** The weapp button's id: onShareAppMessage's `target.id` tells this button from other share buttons. */
export const INVITE_BUTTON_ID = 'assist-invite';

interface Props {
  projectId: string;
  className?: string;
}

/** For the page's useShareAppMessage: the invitation if the invite button was tapped, else null. */
export function assistShareMessage(
  payload: { from?: string; target?: object },
  projectId: string,
  title: string,
): Taro.ShareAppMessageReturn | null {
  const target = payload.target as { id?: string; dataset?: { share?: string } } | undefined;
  if (payload.from !== 'button' || !(target?.id === INVITE_BUTTON_ID || target?.dataset?.share === 'assist'))
    return null;
  const shareTitle = `我在为「${title}」筹款，来帮我助力，赢得额外配捐`;
  const fallback = `/pkg-project/detail/index?id=${encodeURIComponent(projectId)}`;
  // WeChat waits up to 3 s for `promise`, else uses the fallback path (the project page, no shareId).
  const promise = useAssist
    .getState()
    .ensureShare(projectId)
    .then((s) => ({ title: shareTitle, path: s.path }))
    .catch(() => ({ title: shareTitle, path: fallback }));
  return { title: shareTitle, path: fallback, promise } as Taro.ShareAppMessageReturn;
}

export function assistLinkH5(path: string): string {
  return `${window.location.origin}/#${path}`;
}

export default function InviteButton({ projectId, className = '' }: Props) {
  const ensureShare = useAssist((s) => s.ensureShare);
  const [link, setLink] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!IS_H5) {
    return (
      <Button id={INVITE_BUTTON_ID} data-share="assist" className={`assist-invite ${className}`} openType="share">
        邀请好友助力
      </Button>
    );
  }

  const open = async () => {
    setBusy(true);
    try {
      const share = await ensureShare(projectId);
      setLink(assistLinkH5(share.path));
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="invite">
      <Button className={`assist-invite ${className}`} disabled={busy || undefined} onClick={open}>
        邀请好友助力
      </Button>
      {link && (
        <View className="invite__panel">
          <View className="invite__hint">
            复制链接发给好友，好友捐款、答题或送小红花，都能为你的项目赢得额外配捐机会
          </View>
          <View className="share-link">{link}</View>
          <Button
            size="mini"
            className="share-copy"
            onClick={() =>
              void Taro.setClipboardData({ data: link }).then(() =>
                Taro.showToast({ title: '链接已复制', icon: 'none' }),
              )
            }
          >
            复制链接
          </Button>
        </View>
      )}
    </View>
  );
}
