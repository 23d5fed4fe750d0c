export default definePageConfig({ navigationBarTitleText: '我要承诺' })
