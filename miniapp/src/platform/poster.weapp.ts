import Taro from '@tarojs/taro'

/**
 * weapp cannot show an SVG page, so the poster link is copied for printing from a computer's browser.
 */
export function openPoster(url: string): void {
  Taro.setClipboardData({ data: url })
    .then(() => Taro.showModal({ title: '海报链接已复制', content: '请在电脑浏览器中打开并打印，张贴在服务窗口。', showCancel: false }))
    .catch(() => undefined)
}
