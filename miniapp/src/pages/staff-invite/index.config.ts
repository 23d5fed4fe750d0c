export default definePageConfig({ navigationBarTitleText: '接受工作人员邀请' })
