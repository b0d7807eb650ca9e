/**
 * Components that `taro build native-components` exports as native custom components, for the
 * miniprogram-simulate tests only. Shared by src/app.config.ts (the build) and tests/components (the
 * staleness check), so adding one here rebuilds .tmp/native-components on the next test run.
 * Each must render from its props alone: no stores, services or Taro APIs at render time.
 */
export const NATIVE_COMPONENTS = [
  'components/ProgressBar/index',
  'components/MoneyText/index',
  'components/ProjectCard/index',
  'components/StatsBar/index',
  'components/MatchStatus/MatchStatusView',
  'pkg-donate/components/MatchReveal/index',
  'pkg-project/components/PhotoGallery/PhotoStrip',
];
