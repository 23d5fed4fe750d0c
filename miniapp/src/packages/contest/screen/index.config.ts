export default definePageConfig({ navigationBarTitleText: '擂台比武 · 大屏', navigationStyle: 'custom', pageOrientation: 'landscape' })
