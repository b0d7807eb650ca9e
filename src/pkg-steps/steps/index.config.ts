export default definePageConfig({ navigationBarTitleText: '一块走' });
