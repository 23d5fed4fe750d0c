export default definePageConfig({ navigationBarTitleText: '一卡反馈' })
