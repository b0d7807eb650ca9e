export default definePageConfig({ navigationBarTitleText: '我的公益足迹', enableShareAppMessage: true });
