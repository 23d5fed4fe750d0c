/**
 * A stand-in for `@tarojs/taro` in Jest: storage in memory, navigation and UI calls recorded,
 * `request` answered by whatever the test queues with `taroStub.respond(...)`.
 */
type Res = { statusCode: number; data: unknown; header?: Record<string, string> }
type Handler = (opts: RequestOptions) => Res | Promise<Res>
interface RequestOptions {
  url: string
  method?: string
  header?: Record<string, string>
  data?: unknown
}

const storage = new Map<string, unknown>()
const handlers: Handler[] = []
let server: Handler | null = null
let pages: Array<{ route: string }> = [{ route: 'pages/index/index' }]
let routerParams: Record<string, string> = {}

export const taroStub = {
  requests: [] as RequestOptions[],
  navigations: [] as Array<{ kind: string; url?: string }>,
  calls: [] as string[],
  toasts: [] as string[],
  storage,
  /** Answer the next request (FIFO) with this response, or a function of the request. */
  respond(res: Res | Handler) {
    handlers.push(typeof res === 'function' ? res : () => res)
  },
  /** Answer every request not queued with `respond` (e.g. by URL). */
  serve(handler: Handler) {
    server = handler
  },
  /** Make the next request fail at the network level. */
  failNetwork() {
    handlers.push(() => {
      throw Object.assign(new Error('request:fail'), { errMsg: 'request:fail' })
    })
  },
  setPages(routes: string[]) {
    pages = routes.map((route) => ({ route }))
  },
  setRouterParams(params: Record<string, string>) {
    routerParams = params
  },
  reset() {
    storage.clear()
    handlers.length = 0
    server = null
    this.requests.length = 0
    this.navigations.length = 0
    this.calls.length = 0
    this.toasts.length = 0
    pages = [{ route: 'pages/index/index' }]
    routerParams = {}
  },
}

async function request(opts: RequestOptions): Promise<Res> {
  taroStub.requests.push(opts)
  const h = handlers.shift() ?? server
  if (!h) throw new Error(`unexpected request ${opts.method ?? 'GET'} ${opts.url}`)
  return h(opts)
}

const ok = <T>(v?: T) => Promise.resolve(v as T)

const ENV_TYPE = { WEAPP: 'WEAPP', WEB: 'WEB', RN: 'RN', SWAN: 'SWAN', ALIPAY: 'ALIPAY', TT: 'TT', QQ: 'QQ', JD: 'JD', HARMONY: 'HARMONY' }

const Taro = {
  ENV_TYPE,
  getEnv: () => ENV_TYPE.WEB,
  getSystemInfoSync: () => ({ windowWidth: 375, windowHeight: 812, pixelRatio: 2, platform: 'devtools' }),
  getWindowInfo: () => ({ windowWidth: 375, windowHeight: 812, pixelRatio: 2 }),
  request,
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  getCurrentPages: () => pages,
  navigateTo: (o: { url: string }) => (taroStub.navigations.push({ kind: 'navigateTo', url: o.url }), ok()),
  switchTab: (o: { url: string }) => (taroStub.navigations.push({ kind: 'switchTab', url: o.url }), ok()),
  navigateBack: () => (taroStub.navigations.push({ kind: 'navigateBack' }), ok()),
  redirectTo: (o: { url: string }) => (taroStub.navigations.push({ kind: 'redirectTo', url: o.url }), ok()),
  reLaunch: (o: { url: string }) => (taroStub.navigations.push({ kind: 'reLaunch', url: o.url }), ok()),
  makePhoneCall: (o: { phoneNumber: string }) => (taroStub.calls.push(o.phoneNumber), ok()),
  showToast: (o: { title: string }) => (taroStub.toasts.push(o.title), ok()),
  showModal: () => ok({ confirm: true, cancel: false }),
  setNavigationBarTitle: () => ok(),
  setClipboardData: () => ok(),
  stopPullDownRefresh: () => undefined,
  login: () => ok({ code: 'wx-code', errMsg: 'login:ok' }),
  pxTransform: (n: number) => `${n / 2}px`,
}

export default Taro
export { ENV_TYPE }
export const getEnv = Taro.getEnv
export const useRouter = () => ({ params: routerParams, path: '' })
export const useDidShow = (_fn: () => void) => undefined
export const usePullDownRefresh = (_fn: () => void) => undefined
export const useShareAppMessage = (_fn: () => unknown) => undefined
