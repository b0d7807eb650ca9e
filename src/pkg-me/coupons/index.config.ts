export default definePageConfig({ navigationBarTitleText: '爱心券中心', enableShareAppMessage: true });
