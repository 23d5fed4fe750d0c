export default definePageConfig({ navigationBarTitleText: '先锋', enableShareAppMessage: true })
