import Taro from '@tarojs/taro';

/** The project a scanned poster code names: its `scene` is "p=<projectId>&s=<sharer>" (URI-encoded). */
export function sceneProjectId(scene: string | undefined): string {
  if (!scene) return '';
  const m = /(?:^|&)p=([0-9A-Za-z_-]+)/.exec(decodeURIComponent(scene));
  return m ? m[1] : '';
}

/** H5 has no share menu: copy the page's deep link (hash route) instead. */
export async function copyLinkH5(path: string): Promise<void> {
  const url = `${window.location.origin}${window.location.pathname}#${path}`;
  await Taro.setClipboardData({ data: url });
  Taro.showToast({ title: '链接已复制', icon: 'none' });
}

/** The share image of a page without a photo of its own (drawn by scripts/gen-assets.ts, copied into the package). */
export const SHARE_COVER = '/assets/share-cover.png';
