/** The project's photos from cloud storage: a horizontal strip (URLs resolved in one batch); tap to preview. */
import Taro from '@tarojs/taro';
import { Image, ScrollView, Text, View } from '@tarojs/components';
import { usePhotoUrls } from '@/stores/photos';
import './index.scss';

export default function PhotoGallery({ photos, title }: { photos: string[]; title: string }) {
  const urls = usePhotoUrls(photos);
  if (photos.length === 0) return null;
  const ready = urls.filter((u): u is string => !!u);
  const preview = (current: string) => void Taro.previewImage({ current, urls: ready }).catch(() => undefined);
  return (
    <View className="photo-gallery">
      <ScrollView className="photo-gallery__strip" scrollX enhanced showScrollbar={false}>
        {photos.map((id, i) =>
          urls[i] ? (
            <Image
              key={id}
              className="photo-gallery__photo"
              src={urls[i]!}
              mode="aspectFill"
              lazyLoad
              ariaLabel={`${title} 照片${i + 1}`}
              onClick={() => preview(urls[i]!)}
            />
          ) : (
            <View key={id} className="photo-gallery__photo photo-gallery__photo--loading" />
          ),
        )}
      </ScrollView>
      <Text className="photo-gallery__count">共{photos.length}张照片</Text>
    </View>
  );
}
