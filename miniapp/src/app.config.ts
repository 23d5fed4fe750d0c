import { appPages } from '@xianfeng/shared'

// The page list comes from shared's Pages table, which notification templates, QR codes and inbox
// links also use: main package 首页 … 祝福; subpackages 工作台 (packages/staff), 微心愿 (packages/wish)
// and 亮承诺 (packages/commitment).
export default defineAppConfig({
  ...appPages(),
  lazyCodeLoading: 'requiredComponents',
  // 在职党员进社区: an activity with a radius checks the member is there when they scan in (GCJ-02).
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': { desc: '签到服务活动时确认您在活动地点附近' },
  },
  window: {
    // weapp's own default; on H5 it turns on Taro's title bar (page title, back, or home with no history).
    navigationStyle: 'default',
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
