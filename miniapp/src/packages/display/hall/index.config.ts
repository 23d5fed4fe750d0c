// A screen on the service counter: no title bar, no pull-down, nothing to tap.
export default definePageConfig({ navigationBarTitleText: '服务大厅显示屏', navigationStyle: 'custom' })
