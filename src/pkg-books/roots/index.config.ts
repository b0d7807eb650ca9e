export default definePageConfig({ navigationBarTitleText: '善款账本 · 每日根' });
