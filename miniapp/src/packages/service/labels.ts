import type { PagePath } from '@xianfeng/shared'
import { Pages, pageUrl } from '@xianfeng/shared'
import Taro from '@tarojs/taro'

type Query = Record<string, string | number | null | undefined>

/** Opens a page of the service package. */
export function go(page: PagePath, query?: Query): void {
  Taro.navigateTo({ url: pageUrl(page, query) })
}

export const openActivity = (id: string) => go(Pages.serviceActivity, { id })
export const openRecord = (memberId?: string | null) => go(Pages.serviceRecord, memberId ? { memberId } : undefined)

/** 志愿服务岗位 presets: a standing weekly post filled in one tap, then edited as needed. */
export const POST_PRESETS = [
  { key: 'civility', label: '文明劝导', title: '文明劝导志愿服务岗', description: '在路口、小区门口劝导文明出行、文明养犬，维护公共秩序。' },
  { key: 'policy', label: '政策宣传', title: '政策宣传志愿服务岗', description: '在社区宣传栏和便民点向居民讲解医保、养老、反诈等政策。' },
  { key: 'elderly', label: '助老', title: '助老志愿服务岗', description: '上门探望独居、高龄老人，帮助代购、取药、打扫卫生。' },
] as const

/** Skills the community can call on, offered as chips (anything else can be typed). */
export const SKILL_PRESETS = ['医疗', '法律', '教育辅导', '维修', '文艺', '心理疏导', '理发', '驾驶'] as const
