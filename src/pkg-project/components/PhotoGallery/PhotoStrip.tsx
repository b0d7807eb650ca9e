/**
 * What the gallery shows from its props alone (a native component in the component tests): a photo per resolved
 * URL, a placeholder per photo still resolving, and the count.
 */
import { Image, ScrollView, Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  /** The photos' fileIDs, in order. */
  photos: string[];
  /** Their temporary URLs, index for index (null while resolving). */
  urls: Array<string | null | undefined>;
  title: string;
  onPreview?: (url: string) => void;
}

export default function PhotoStrip({ photos, urls, title, onPreview }: Props) {
  if (photos.length === 0) return null;
  return (
    <View className="photo-gallery">
      <ScrollView className="photo-gallery__strip" scrollX enhanced showScrollbar={false}>
        {photos.map((id, i) => {
          const url = urls[i];
          return url ? (
            <Image
              key={id}
              className="photo-gallery__photo"
              src={url}
              mode="aspectFill"
              lazyLoad
              ariaLabel={`${title} 照片${i + 1}`}
              onClick={() => onPreview?.(url)}
            />
          ) : (
            <View key={id} className="photo-gallery__photo photo-gallery__photo--loading" />
          );
        })}
      </ScrollView>
      <Text className="photo-gallery__count">共{photos.length}张照片</Text>
    </View>
  );
}
