export default defineAppConfig({
  pages: ['pages/index/index', 'pages/board/index', 'pages/me/index', 'pages/card/index', 'pages/login/index'],
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
