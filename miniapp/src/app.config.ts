export default defineAppConfig({
  pages: ['pages/index/index', 'pages/board/index', 'pages/me/index', 'pages/card/index', 'pages/login/index', 'pages/inbox/index', 'pages/greetings/index'],
  subPackages: [
    // 工作台 (branch staff): 三色生日表, 祝福设置, 党员花名册.
    { root: 'packages/staff', pages: ['index/index', 'occasions/index', 'greeting-settings/index', 'roster/index'] },
    // 微心愿 (wish wall) and 亮承诺 (commitments).
    { root: 'packages/wish', pages: ['wall/index', 'detail/index', 'post/index'] },
    { root: 'packages/commitment', pages: ['list/index', 'detail/index', 'create/index'] },
  ],
  lazyCodeLoading: 'requiredComponents',
  window: {
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTitleText: '先锋',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f7f2ef',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#555555',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/board/index', text: '亮岗', iconPath: 'assets/tab/board.png', selectedIconPath: 'assets/tab/board-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
})
