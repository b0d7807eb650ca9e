/** 项目进展: the organisation's progress updates, newest first, with their photos (tap one to view them large). */
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { ProjectUpdateView } from '@domain/api';
import './index.scss';

export default function ProjectUpdates({ updates }: { updates: ProjectUpdateView[] }) {
  if (updates.length === 0) return null;
  return (
    <View className="detail__card project-updates">
      <View className="detail__h">项目进展</View>
      {updates.map((u, i) => (
        <View key={`${u.date}-${i}`} className="project-update">
          <View>
            <Text className="detail__muted">{u.date}</Text> {u.text}
          </View>
          {(u.photos ?? []).length > 0 && (
            <View className="project-update__photos">
              {u.photos.map((src) => (
                <Image
                  key={src}
                  className="project-update__photo"
                  src={src}
                  mode="aspectFill"
                  lazyLoad
                  onClick={() => void Taro.previewImage({ current: src, urls: u.photos })}
                />
              ))}
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
