import type { ActivityCreateRequest, DeedCreateRequest, ServiceReportRequest } from '@xianfeng/shared'
import { Limits, todayInShanghai } from '@xianfeng/shared'
import { activityTimes, clockSpanMinutes } from './format'

const L = Limits.service

export type Errors<F extends string> = Partial<Record<F, string>>

/** A form's checks: the request to send, or what to fix beside each field. */
export type Checked<T, F extends string> = { ok: true; body: T } | { ok: false; errors: Errors<F> }

function result<T, F extends string>(errors: Errors<F>, body: () => T): Checked<T, F> {
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, body: body() }
}

/** Skills as typed: split on commas, 、 and spaces, blanks and repeats dropped. */
export function parseSkills(text: string): string[] {
  const out: string[] = []
  for (const s of text.split(/[,，、;；\s]+/)) {
    const t = s.trim()
    if (t && !out.includes(t)) out.push(t)
  }
  return out
}

export type ReportField = 'communityOrgId' | 'residentialArea' | 'skills'

export function checkReport(v: { communityOrgId: string | null; residentialArea: string; skills: string[] }): Checked<ServiceReportRequest, ReportField> {
  const e: Errors<ReportField> = {}
  const area = v.residentialArea.trim()
  if (!v.communityOrgId) e.communityOrgId = '请选择您居住地的社区'
  if (!area) e.residentialArea = '请填写您居住的小区'
  else if (area.length > L.residentialArea) e.residentialArea = `不能超过 ${L.residentialArea} 个字`
  if (v.skills.length > L.skills) e.skills = `特长最多写 ${L.skills} 项`
  else if (v.skills.some((s) => s.length > L.skill)) e.skills = `每项特长不能超过 ${L.skill} 个字`
  return result(e, () => ({ communityOrgId: v.communityOrgId!, residentialArea: area, ...(v.skills.length ? { skills: v.skills } : {}) }))
}

export interface ActivityForm {
  title: string
  description: string
  place: string
  /** YYYY-MM-DD */
  day: string
  /** HH:mm; an end at or before the start is the next day. */
  start: string
  end: string
  capacity: string
  /** A weekly service post: how many weeks ('' or '1' for a single activity). */
  weeks: string
  /** The check-in radius in metres, with the centre from the organiser's position; '' for none. */
  radiusM: string
  centre: { lat: number; lng: number } | null
}

export type ActivityField = keyof ActivityForm

const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN)

export function checkActivity(f: ActivityForm, now: Date = new Date()): Checked<ActivityCreateRequest, ActivityField> {
  const e: Errors<ActivityField> = {}
  const title = f.title.trim()
  const description = f.description.trim()
  const place = f.place.trim()
  if (!title) e.title = '请填写活动名称'
  else if (title.length > L.activityTitle) e.title = `名称不能超过 ${L.activityTitle} 个字`
  if (!description) e.description = '请写明活动内容'
  else if (description.length > L.activityDescription) e.description = `内容不能超过 ${L.activityDescription} 个字`
  if (!place) e.place = '请填写活动地点'
  else if (place.length > L.place) e.place = `地点不能超过 ${L.place} 个字`
  if (!f.day) e.day = '请选择日期'
  else if (f.day < todayInShanghai(now)) e.day = '日期不能早于今天'
  if (!f.start || !f.end) e.start = '请选择开始和结束时间'
  else if (f.start === f.end) e.start = '结束时间不能和开始时间相同'
  else if (clockSpanMinutes(f.start, f.end) > L.activityHoursMax * 60) e.start = `一次活动最长 ${L.activityHoursMax} 小时`
  if (!e.day && !e.start && Date.parse(activityTimes(f.day, f.start, f.end).startsAt) <= now.getTime()) e.start = '开始时间已经过了'
  const capacity = whole(f.capacity)
  if (!(capacity >= 1 && capacity <= L.capacity)) e.capacity = `名额请填 1 到 ${L.capacity} 之间的整数`
  const weeks = f.weeks.trim() === '' ? 1 : whole(f.weeks)
  if (!(weeks === 1 || (weeks >= L.repeatWeeklyMin && weeks <= L.repeatWeeklyMax))) e.weeks = `每周重复请填 ${L.repeatWeeklyMin} 到 ${L.repeatWeeklyMax} 周`
  const radius = f.radiusM.trim() === '' ? null : whole(f.radiusM)
  if (radius !== null) {
    if (!(radius >= L.radiusMinM && radius <= L.radiusMaxM)) e.radiusM = `签到范围请填 ${L.radiusMinM} 到 ${L.radiusMaxM} 米`
    else if (!f.centre) e.radiusM = '请先在活动地点点“用我现在的位置”'
  }
  return result(e, () => ({
    title,
    description,
    place,
    ...activityTimes(f.day, f.start, f.end),
    capacity,
    ...(radius !== null && f.centre ? { location: { lat: f.centre.lat, lng: f.centre.lng, radiusM: radius } } : {}),
    ...(weeks > 1 ? { repeatWeekly: weeks } : {}),
  }))
}

export type DeedField = 'title' | 'description' | 'doneOn' | 'beneficiary'

export function checkDeed(v: { title: string; description: string; doneOn: string; beneficiary: string; photos: string[] }, now: Date = new Date()): Checked<DeedCreateRequest, DeedField> {
  const e: Errors<DeedField> = {}
  const title = v.title.trim()
  const description = v.description.trim()
  const beneficiary = v.beneficiary.trim()
  if (!title) e.title = '请用一句话写明办了什么实事'
  else if (title.length > L.deedTitle) e.title = `不能超过 ${L.deedTitle} 个字`
  if (!description) e.description = '请写写具体经过'
  else if (description.length > L.deedDescription) e.description = `不能超过 ${L.deedDescription} 个字`
  if (!v.doneOn) e.doneOn = '请选择办理日期'
  else if (v.doneOn > todayInShanghai(now)) e.doneOn = '日期不能晚于今天'
  if (beneficiary.length > L.beneficiary) e.beneficiary = `不能超过 ${L.beneficiary} 个字`
  return result(e, () => ({ title, description, doneOn: v.doneOn, photos: v.photos, ...(beneficiary ? { beneficiary } : {}) }))
}

/**
 * Staff confirming a member's minutes: the computed value goes as it is; any other number (or no
 * computed value: the member forgot to check out) is a correction and needs a reason.
 */
export function checkConfirm(computed: number | null, minutesText: string, reason: string): { ok: true; body: { minutes?: number; reason?: string } } | { ok: false; error: string } {
  const typed = minutesText.trim()
  const minutes = typed === '' ? computed : whole(typed)
  if (minutes === null) return { ok: false, error: '没有签退记录，请填写核定的服务时长（分钟）' }
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > L.activityHoursMax * 60) return { ok: false, error: `时长请填 0 到 ${L.activityHoursMax * 60} 之间的整数分钟` }
  if (minutes === computed) return { ok: true, body: {} }
  const why = reason.trim()
  if (!why) return { ok: false, error: '修改时长需要写明原因' }
  if (why.length > L.correctionReason) return { ok: false, error: `原因不能超过 ${L.correctionReason} 个字` }
  return { ok: true, body: { minutes, reason: why } }
}
