export default definePageConfig({ navigationBarTitleText: '专场成果' });
