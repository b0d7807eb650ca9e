export default definePageConfig({ navigationBarTitleText: '验证账目' });
