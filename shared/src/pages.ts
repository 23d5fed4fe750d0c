/**
 * The mini-program's page routes, as `app.json` lists them (no leading slash). `app.config.ts` is
 * built from this table, and everything that links into the app — subscribe messages, the inbox,
 * QR codes and posters — names a page from it, so a link cannot point at a page that does not exist.
 */
export const Pages = {
  home: 'pages/index/index',
  board: 'pages/board/index',
  me: 'pages/me/index',
  card: 'pages/card/index',
  login: 'pages/login/index',
  inbox: 'pages/inbox/index',
  greetings: 'pages/greetings/index',
  // 工作台 (branch staff).
  staffHome: 'packages/staff/index/index',
  staffOccasions: 'packages/staff/occasions/index',
  staffGreetingSettings: 'packages/staff/greeting-settings/index',
  staffRoster: 'packages/staff/roster/index',
  // 比学赶超: the numbers, the ranking of the child organisations and its weights.
  staffDashboard: 'packages/staff/dashboard/index',
  staffRankingSettings: 'packages/staff/ranking-settings/index',
  // 微心愿.
  wishWall: 'packages/wish/wall/index',
  wishDetail: 'packages/wish/detail/index',
  wishPost: 'packages/wish/post/index',
  // 亮承诺.
  commitmentList: 'packages/commitment/list/index',
  commitmentDetail: 'packages/commitment/detail/index',
  commitmentCreate: 'packages/commitment/create/index',
  // 评星定级 (staff: schemes and score sheets; public: the star board; a member's 民主评议).
  assessmentList: 'packages/assess/list/index',
  assessmentEdit: 'packages/assess/edit/index',
  assessmentScores: 'packages/assess/scores/index',
  starBoard: 'packages/assess/stars/index',
  memberReviews: 'packages/assess/reviews/index',
  // 擂台比武: the host console, the judge's scoring pad, the big screen.
  contestHost: 'packages/contest/host/index',
  contestJudge: 'packages/contest/judge/index',
  contestScreen: 'packages/contest/screen/index',
} as const;

export type PageName = keyof typeof Pages;
export type PagePath = (typeof Pages)[PageName];

/** Pages under this folder go in subpackages (one per `packages/<name>/`); the rest in the main package. */
const SUBPACKAGE_PREFIX = 'packages/';

export interface AppPages {
  /** The main package; the first entry is the home page. */
  pages: string[];
  subPackages: Array<{ root: string; pages: string[] }>;
}

/** `pages` and `subPackages` of app.json, from {@link Pages} in table order. */
export function appPages(): AppPages {
  const pages: string[] = [];
  const subPackages: AppPages['subPackages'] = [];
  for (const path of Object.values(Pages) as string[]) {
    if (!path.startsWith(SUBPACKAGE_PREFIX)) {
      pages.push(path);
      continue;
    }
    const [, name] = path.split('/');
    const root = `${SUBPACKAGE_PREFIX}${name}`;
    let sub = subPackages.find((s) => s.root === root);
    if (!sub) subPackages.push((sub = { root, pages: [] }));
    sub.pages.push(path.slice(root.length + 1));
  }
  return { pages, subPackages };
}

/** Every page path app.json declares, subpackage pages with their root. */
export function declaredPages(config: AppPages): string[] {
  return [...config.pages, ...(config.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
}

type Query = Record<string, string | number | null | undefined>;

function queryString(query: Query | undefined): string {
  const parts = Object.entries(query ?? {})
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** A subscribe-message or inbox `page`: the path without a leading slash, then the query (`packages/wish/detail/index?id=…`). */
export function pageLink(page: PagePath, query?: Query): string {
  return `${page}${queryString(query)}`;
}

/** A URL for Taro.navigateTo / redirectTo: the path with a leading slash (`/packages/wish/detail/index?id=…`). */
export function pageUrl(page: PagePath, query?: Query): string {
  return `/${pageLink(page, query)}`;
}

/** The path part of a page link or URL, without slash and query: what to look up in app.json. */
export function pagePathOf(link: string): string {
  return link.replace(/^[#/]+/, '').split('?')[0];
}
