/** H5 dev identity: an optional openid sent as X-OpenId so a second tab can act as a friend. */
import Taro from '@tarojs/taro';
import { create } from 'zustand';

const KEY = 'shanxing.devOpenId';

function load(): string {
  try {
    return (Taro.getStorageSync(KEY) as string) || '';
  } catch {
    return '';
  }
}

interface IdentityState {
  /** '' = no header: the emulator assigns a per-browser cookie identity. */
  openId: string;
  setOpenId: (id: string) => void;
}

export const useIdentity = create<IdentityState>((set) => ({
  openId: process.env.TARO_ENV === 'h5' ? load() : '',
  setOpenId: (id) => {
    const openId = id.trim();
    if (openId) Taro.setStorageSync(KEY, openId);
    else Taro.removeStorageSync(KEY);
    set({ openId });
  },
}));
