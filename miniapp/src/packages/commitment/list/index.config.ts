export default definePageConfig({ navigationBarTitleText: '亮承诺', enableShareAppMessage: true, enablePullDownRefresh: true })
