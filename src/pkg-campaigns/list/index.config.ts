export default definePageConfig({ navigationBarTitleText: '往期专场' });
