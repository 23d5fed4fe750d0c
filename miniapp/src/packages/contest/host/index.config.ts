export default definePageConfig({ navigationBarTitleText: '擂台比武 · 主持' })
