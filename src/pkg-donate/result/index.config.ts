export default definePageConfig({ navigationBarTitleText: '捐款结果', enableShareAppMessage: true });
