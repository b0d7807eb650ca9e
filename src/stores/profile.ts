/** My public profile (头像昵称填写): nickname and avatar, both checked by the server before they are kept. */
import { create } from 'zustand';
import type { UserProfile } from '@domain/api';
import { api } from '@/services/api';
import { errorMessage } from '@/services/errors';
import { cloudPathFor, uploadFile, type UploadSource } from '@/services/storage';

interface ProfileState {
  profile: UserProfile | null;
  saving: boolean;
  error: string | null;
  load: () => Promise<void>;
  setNickname: (nickname: string) => Promise<boolean>;
  /** Upload the chosen image (weapp temp path, H5 File) and make it my avatar. */
  setAvatar: (source: UploadSource) => Promise<boolean>;
}

export const useProfile = create<ProfileState>((set, get) => {
  const save = async (work: () => Promise<UserProfile>): Promise<boolean> => {
    set({ saving: true, error: null });
    try {
      set({ profile: await work(), saving: false });
      return true;
    } catch (err) {
      set({ saving: false, error: errorMessage(err) });
      return false;
    }
  };
  return {
    profile: null,
    saving: false,
    error: null,
    load: async () => {
      try {
        set({ profile: await api.users.me() });
      } catch (err) {
        set({ error: errorMessage(err) });
      }
    },
    setNickname: (nickname) => {
      if (nickname.trim() === (get().profile?.nickname ?? '')) return Promise.resolve(true);
      return save(() => api.users.setProfile({ nickname }));
    },
    setAvatar: (source) =>
      save(async () => {
        const avatarFileID = await uploadFile(source, cloudPathFor(source, 'avatars'));
        return api.users.setProfile({ avatarFileID });
      }),
  };
});
