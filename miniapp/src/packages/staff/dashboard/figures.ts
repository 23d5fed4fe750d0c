import type { MonthlyActivity, OrgStats, Ranking } from '@xianfeng/shared'
import { RankingWeightLabels, StatsFigureLabels } from '@xianfeng/shared'
import type { EChartsCoreOption } from 'echarts/core'

export interface Figure {
  key: keyof typeof StatsFigureLabels
  label: string
  /** As shown: a count, hours with one decimal, an average with two, or — when there is none. */
  text: string
  unit: string
}

export interface FigureGroup {
  title: string
  figures: Figure[]
}

/** Service minutes as hours, one decimal (`90` → `1.5`). */
export function hoursText(minutes: number): string {
  return (Math.round(minutes / 6) / 10).toFixed(1)
}

function fig(key: Figure['key'], value: number | null, unit = '', text = value === null ? '—' : String(value)): Figure {
  return { key, label: StatsFigureLabels[key], text, unit: value === null ? '' : unit }
}

/** OrgStats as the labelled figures of the dashboard, in groups. */
export function figureGroups(s: OrgStats): FigureGroup[] {
  return [
    {
      title: '党员与承诺',
      figures: [fig('members', s.members, '人'), fig('commitmentsPublished', s.commitments.published, '项'), fig('commitmentsFulfilled', s.commitments.fulfilled, '项')],
    },
    {
      title: '微心愿',
      figures: [
        fig('wishesPosted', s.wishes.posted, '个'),
        fig('wishesOpen', s.wishes.open, '个'),
        fig('wishesClaimed', s.wishes.claimed, '个'),
        fig('wishesFulfilled', s.wishes.fulfilled, '个'),
        fig('wishesConfirmed', s.wishes.confirmed, '个'),
      ],
    },
    {
      title: '关怀、评议与服务',
      figures: [
        fig('greetingsSent', s.greetings.sent, '张'),
        fig('reviewsCount', s.reviews.count, '次'),
        fig('reviewsAverage', s.reviews.average, '分', s.reviews.average === null ? '—' : s.reviews.average.toFixed(2)),
        fig('serviceMinutes', s.serviceMinutes, '小时', hoursText(s.serviceMinutes)),
        fig('deeds', s.deeds, '件'),
      ],
    },
  ]
}

const RED = '#c8102e'
const GOLD = '#e0a020'
const BLUE = '#2f6fd0'
const AXIS = { color: '#555', fontSize: 13 }

/** Height of the ranking chart: a bar per child organisation, room for long names. */
export function rankingChartHeight(items: number): number {
  return Math.max(160, 44 * items + 40)
}

/** Chinese names get long: cut to fit the axis on a phone. */
function shortName(name: string): string {
  return name.length > 7 ? `${name.slice(0, 6)}…` : name
}

/** The ranking as horizontal bars, best at the top, each with its score. */
export function rankingOption(r: Ranking): EChartsCoreOption {
  const items = [...r.items].reverse()
  return {
    animation: false,
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, interval: 25, axisLabel: AXIS, splitLine: { lineStyle: { color: '#eee' } } },
    yAxis: { type: 'category', data: items.map((i) => `${i.rank}. ${shortName(i.name)}`), axisLabel: { ...AXIS, fontSize: 14, color: '#222' }, axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        data: items.map((i) => ({ value: i.score, itemStyle: { color: i.rank === 1 ? RED : i.rank <= 3 ? GOLD : BLUE } })),
        barMaxWidth: 26,
        label: { show: true, position: 'right', color: '#222', fontSize: 14, formatter: '{c}' },
      },
    ],
  }
}

/** Monthly activity as lines: commitments fulfilled, wishes completed, greetings sent. */
export function monthlyOption(m: MonthlyActivity): EChartsCoreOption {
  const months = m.months.map((x) => `${Number(x.month.slice(5))}月`)
  const line = (name: string, color: string, data: number[]) => ({ name, type: 'line', data, symbolSize: 7, lineStyle: { width: 3, color }, itemStyle: { color } })
  return {
    animation: false,
    legend: { top: 0, textStyle: { fontSize: 14, color: '#333' }, itemWidth: 18, itemHeight: 10 },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months, boundaryGap: false, axisLabel: AXIS },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS, splitLine: { lineStyle: { color: '#eee' } } },
    series: [
      line(RankingWeightLabels.commitmentsFulfilled, RED, m.months.map((x) => x.commitmentsFulfilled)),
      line(RankingWeightLabels.wishesCompleted, BLUE, m.months.map((x) => x.wishesFulfilled)),
      line(StatsFigureLabels.greetingsSent, GOLD, m.months.map((x) => x.greetingsSent)),
    ],
  }
}
