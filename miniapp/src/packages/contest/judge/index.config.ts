export default definePageConfig({ navigationBarTitleText: '擂台比武 · 评委打分' })
