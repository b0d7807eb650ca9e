import Taro from '@tarojs/taro';

/** H5 has no share menu: copy the page's deep link (hash route) instead. */
export async function copyLinkH5(path: string): Promise<void> {
  const url = `${window.location.origin}${window.location.pathname}#${path}`;
  await Taro.setClipboardData({ data: url });
  Taro.showToast({ title: '链接已复制', icon: 'none' });
}
