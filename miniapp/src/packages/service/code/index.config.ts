export default definePageConfig({ navigationBarTitleText: '签到码', navigationBarBackgroundColor: '#c8102e' })
