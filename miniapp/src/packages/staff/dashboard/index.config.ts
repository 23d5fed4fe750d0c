export default definePageConfig({ navigationBarTitleText: '比学赶超' })
