import { Button, View } from '@tarojs/components';
import './index.scss';

interface Props {
  kind: 'loading' | 'empty' | 'error';
  text?: string;
  onRetry?: () => void;
}

const DEFAULT_TEXT = { loading: '加载中…', empty: '暂无内容', error: '加载失败' };

export default function StateView({ kind, text, onRetry }: Props) {
  return (
    <View className={`state-view state-${kind}`}>
      <View className="state-view__text">{text ?? DEFAULT_TEXT[kind]}</View>
      {kind === 'error' && onRetry && (
        <Button className="state-view__retry" size="mini" onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  );
}
