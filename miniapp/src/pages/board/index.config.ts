export default definePageConfig({
  navigationBarTitleText: '亮岗墙',
  enableShareAppMessage: true,
  enablePullDownRefresh: true,
})
