export default definePageConfig({ navigationBarTitleText: '评星定级 · 星级榜', enablePullDownRefresh: true })
