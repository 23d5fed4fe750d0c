export default definePageConfig({ navigationBarTitleText: '排名权重设置' })
