export default definePageConfig({ navigationBarTitleText: '公益答题' });
