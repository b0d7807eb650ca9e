import { Text } from '@tarojs/components';
import { formatYuan } from '@/utils/money';

interface Props {
  fen: number;
  /** Use 万 for large sums, like the Tencent Charity pages. */
  wan?: boolean;
  className?: string;
}

export default function MoneyText({ fen, wan = false, className = '' }: Props) {
  return <Text className={`money-text ${className}`}>{formatYuan(fen, { wan })}</Text>;
}
