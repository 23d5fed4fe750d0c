export default definePageConfig({ navigationBarTitleText: '承诺详情', enableShareAppMessage: true, enablePullDownRefresh: true })
