import { NATIVE_COMPONENTS } from '../config/nativeComponents';

// Components exported as native custom components by `taro build native-components` (component tests only).
const nativeComponents = process.argv.includes('native-components') ? { components: NATIVE_COMPONENTS } : {};

export default defineAppConfig({
  ...nativeComponents,
  pages: ['pages/index/index', 'pages/me/index'],
  subPackages: [
    { root: 'pkg-project', pages: ['detail/index'] },
    { root: 'pkg-donate', pages: ['result/index'] },
    { root: 'pkg-me', pages: ['certificate/index', 'footprint/index', 'coupons/index'] },
    // 一起捐 teams (create, team page) and the leaderboards.
    { root: 'pkg-team', pages: ['create/index', 'team/index'] },
    { root: 'pkg-boards', pages: ['board/index'] },
    { root: 'pkg-assist', pages: ['assist/index', 'progress/index'] },
    { root: 'pkg-quiz', pages: ['quiz/index'] },
    { root: 'pkg-steps', pages: ['steps/index'] },
    { root: 'pkg-books', pages: ['roots/index', 'verify/index'] },
    { root: 'pkg-campaigns', pages: ['list/index', 'results/index'] },
    { root: 'pkg-share', pages: ['poster/index'] },
    // The federation's console (staff only; every action is checked by role on the server).
    { root: 'pkg-admin', pages: ['index/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#e8443a',
    navigationBarTitleText: '善行',
    navigationBarTextStyle: 'white',
    // 'default' (weapp's default anyway) also turns on Taro's H5 title bar: the page title and a back button.
    navigationStyle: 'default',
    backgroundColor: '#f5f5f5',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#e8443a',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      // Icons drawn by scripts/gen-assets.ts (81×81 PNGs, under 1 KB each).
      {
        pagePath: 'pages/index/index',
        text: '专场',
        iconPath: 'assets/tab-home.png',
        selectedIconPath: 'assets/tab-home-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab-me.png',
        selectedIconPath: 'assets/tab-me-active.png',
      },
    ],
  },
});
