export default definePageConfig({ navigationBarTitleText: '我的贺卡', enablePullDownRefresh: true })
