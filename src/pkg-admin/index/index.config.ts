export default definePageConfig({ navigationBarTitleText: '善行 · 工作台' });
