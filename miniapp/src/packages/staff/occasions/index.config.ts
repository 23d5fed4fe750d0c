export default definePageConfig({ navigationBarTitleText: '三色生日表', enablePullDownRefresh: true })
