/** The campaign's colours and title on screen (stylesheets keep a neutral default until it loads). */
import Taro from '@tarojs/taro';
import type { CampaignView } from '@domain/api';

type Style = Record<string, string> | undefined;

/** Filled buttons and banners. */
export const primaryBg = (c: CampaignView | null): Style => (c ? { background: c.theme.primary } : undefined);
export const primaryText = (c: CampaignView | null): Style => (c ? { color: c.theme.primary } : undefined);

/** Page title and navigation bar colour of the current page (weapp sets them per page). */
export function applyCampaignChrome(c: CampaignView): void {
  void Promise.resolve(Taro.setNavigationBarTitle({ title: c.name })).catch(() => undefined);
  void Promise.resolve(Taro.setNavigationBarColor({ frontColor: '#ffffff', backgroundColor: c.theme.primary })).catch(
    () => undefined,
  );
}
