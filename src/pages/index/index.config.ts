export default definePageConfig({
  navigationBarTitleText: '乡村振兴·重庆专场',
  enableShareAppMessage: true,
  onReachBottomDistance: 300,
});
