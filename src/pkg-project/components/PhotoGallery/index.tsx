/** The project's photos from cloud storage: a horizontal strip (URLs resolved in one batch); tap to preview. */
import Taro from '@tarojs/taro';
import { usePhotoUrls } from '@/stores/photos';
import PhotoStrip from './PhotoStrip';

export default function PhotoGallery({ photos, title }: { photos: string[]; title: string }) {
  const urls = usePhotoUrls(photos);
  const ready = urls.filter((u): u is string => !!u);
  const preview = (current: string) => void Taro.previewImage({ current, urls: ready }).catch(() => undefined);
  return <PhotoStrip photos={photos} urls={urls} title={title} onPreview={preview} />;
}
