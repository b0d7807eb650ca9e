export default definePageConfig({
  // Neutral until the campaign loads; the page then titles itself from it (applyCampaignChrome).
  navigationBarTitleText: '善行',
  enableShareAppMessage: true,
  enableShareTimeline: true,
  onReachBottomDistance: 300,
});
