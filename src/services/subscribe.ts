/** Weapp: ask WeChat for the one-time subscription (the template must be the campaign's reminder). */
import Taro from '@tarojs/taro';

export async function requestSubscription(templateId: string): Promise<boolean> {
  const res = (await Taro.requestSubscribeMessage({ tmplIds: [templateId], entityIds: [] } as never)) as Record<
    string,
    string
  >;
  return res[templateId] === 'accept';
}
