/**
 * A progress update on a live project: text and up to 9 photos, uploaded to cloud storage first; the server checks
 * the text (msgSecCheck) and every photo (imgSecCheck) before donors see them on the project page (项目进展).
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Image, Textarea, View } from '@tarojs/components';
import { useAdmin } from '@/stores/admin';
import { adminApi } from '@/services/admin';
import { cloudPathFor, uploadFile } from '@/services/storage';

const MAX_PHOTOS = 9;

export default function UpdateComposer({ projectId, onDone }: { projectId: string; onDone: () => void }) {
  const { run, busy } = useAdmin();
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const choose = async () => {
    const r = await Taro.chooseImage({ count: MAX_PHOTOS - photos.length, sizeType: ['compressed'] }).catch(() => null);
    if (r) setPhotos([...photos, ...r.tempFilePaths].slice(0, MAX_PHOTOS));
  };
  const post = async () => {
    const r = await run(async () => {
      const photoFileIDs: string[] = [];
      for (const p of photos) photoFileIDs.push(await uploadFile(p, cloudPathFor(p, 'updates')));
      return adminApi.postUpdate({ projectId, text: text.trim(), photoFileIDs });
    });
    if (r) {
      void Taro.showToast({ title: '已发布', icon: 'success' });
      onDone();
    }
  };
  return (
    <View className="console-form update-composer">
      <Textarea
        className="console-form__area update-composer__text"
        placeholder="项目进展（500 字以内）"
        maxlength={500}
        value={text}
        onInput={(e) => setText(e.detail.value)}
      />
      <View className="console-form__photos">
        {photos.map((p) => (
          <Image key={p} className="console-form__photo" src={p} mode="aspectFill" />
        ))}
      </View>
      <View className="console__actions">
        {photos.length < MAX_PHOTOS && (
          <Button size="mini" className="update-composer__add" onClick={() => void choose()}>
            添加照片（{photos.length}/{MAX_PHOTOS}）
          </Button>
        )}
        <Button
          size="mini"
          className="console__btn update-composer__post"
          disabled={busy || !text.trim()}
          onClick={() => void post()}
        >
          发布进展
        </Button>
        <Button size="mini" onClick={onDone}>
          取消
        </Button>
      </View>
    </View>
  );
}
