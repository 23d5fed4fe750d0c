export default definePageConfig({ navigationBarTitleText: '祝福设置' })
