export default definePageConfig({ navigationBarTitleText: '进社区 · 管理' })
