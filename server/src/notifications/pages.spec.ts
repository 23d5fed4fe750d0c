import { describe, expect, it } from '@jest/globals';
import { declaredPages, pagePathOf, Pages, type AppPages } from '@xianfeng/shared';
import { boardUrl } from '../orgs/poster.js';
import { commitmentNotification, greetingNotification, wishNotification } from './templates.js';

/**
 * Every page a subscribe message, an inbox entry or a poster's QR code opens must be a page the
 * weapp build declares in app.json — else a member tapping the message lands on nothing. The
 * mini-program's `app.config.ts` is what Taro turns into app.json, so it is read here as Taro reads
 * it (with `defineAppConfig` as the identity) instead of running a weapp build.
 */
async function weappConfig(): Promise<AppPages & { tabBar?: { list: Array<{ pagePath: string }> } }> {
  (globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c;
  // A computed specifier: tsc must not pull the mini-program's sources into the server's program.
  const file = new URL('../../../miniapp/src/app.config.ts', import.meta.url).href;
  return ((await import(file)) as { default: AppPages & { tabBar?: { list: Array<{ pagePath: string }> } } }).default;
}

const links = {
  greeting: greetingNotification({ userId: 'u', greetingId: 'g-1', kindLabel: '生日', memberName: '张三', occasionOn: '2026-05-01', message: '生日快乐' }).page,
  wish: wishNotification({ userId: 'u', wishId: 'w-1', wishTitle: '助行器', event: '已认领', note: '', dedupeKey: 'k' }).page,
  commitment: commitmentNotification({ userId: 'u', commitmentId: 'c-1', commitmentTitle: '送菜', event: '已通过', note: '', dedupeKey: 'k' }).page,
  // The poster's QR code opens the H5 build; the route after `#` is the page.
  poster: boardUrl('https://xianfeng.example.cn/h5', 'o-1').split('#')[1],
};

describe('links into the mini-program', () => {
  it('open pages that app.json declares', async () => {
    const declared = declaredPages(await weappConfig());
    const undeclared = Object.entries(links).filter(([, link]) => !declared.includes(pagePathOf(link ?? '')));
    expect(undeclared).toEqual([]);
    // The links before this test existed: pages app.json never had.
    expect(declared).not.toContain(pagePathOf('pages/wish/index?id=w-1'));
  });

  it('open the detail page of the thing the message is about', () => {
    expect(links.wish).toBe('packages/wish/detail/index?id=w-1');
    expect(links.commitment).toBe('packages/commitment/detail/index?id=c-1');
    expect(links.greeting).toBe('pages/greetings/index?id=g-1');
    expect(links.poster).toBe('/pages/board/index?orgId=o-1');
  });

  it('app.json declares every page of the shared table, and the tab bar only declared pages', async () => {
    const config = await weappConfig();
    const declared = declaredPages(config);
    expect([...declared].sort()).toEqual(Object.values(Pages).sort());
    expect(config.pages[0]).toBe(Pages.home);
    for (const tab of config.tabBar?.list ?? []) expect(declared).toContain(tab.pagePath);
  });
});
