import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { describeError } from '../../../api/errors'
import { ledgerUrl, statsApi } from '../../../api/stats'
import { getToken, useSession } from '../../../auth/session'
import { Alert } from '../../../components/Alert'
import { DateField } from '../../../components/DateField'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAction } from '../../../hooks/useAction'
import { useAsync } from '../../../hooks/useAsync'
import { LEDGER_HINT, saveLedger } from '../../../platform/ledger'
import { openStaffPage, pageOrg } from '../../../utils/staff'
import { OrgHeader } from '../OrgHeader'
import { Chart } from './Chart'
import { figureGroups, monthlyOption, rankingChartHeight, rankingOption } from './figures'
import { PERIOD_CHOICES, chartPeriod, currentPeriod, customPeriodError, periodDays, periodText, type Period, type PeriodKind } from './period'
import '../staff.css'
import './index.css'

async function load(orgId: string, p: Period) {
  const [stats, monthly, ranking] = await Promise.all([statsApi.stats(orgId, p), statsApi.monthly(orgId, chartPeriod(p)), statsApi.ranking(orgId, p)])
  return { stats, monthly, ranking }
}

/** 比学赶超: the organisation's numbers for a period, its branches ranked, the monthly trend, the ledger. */
export default function DashboardPage() {
  const router = useRouter()
  const { user } = useSession()
  const org = pageOrg(user, router.params.orgId)
  const orgId = org?.id ?? null

  const [kind, setKind] = useState<PeriodKind>('quarter')
  const [custom, setCustom] = useState<Period>(() => currentPeriod('month'))
  const customError = kind === 'custom' ? customPeriodError(custom.from, custom.to) : null
  // While a custom period is incomplete or wrong, keep showing the last good one.
  const [shown, setShown] = useState<Period>(() => currentPeriod('quarter'))
  const period = kind === 'custom' ? (customError ? shown : custom) : currentPeriod(kind)
  if (period.from !== shown.from || period.to !== shown.to) setShown(period)

  const data = useAsync(async () => (orgId ? load(orgId, period) : null), [orgId, period.from, period.to])
  const ledger = useAction<void>({ describe: describeError })

  if (!org || !orgId) return <EmptyState text="您还不是党务工作者" hint="比学赶超供支部书记、组织委员等党务工作者使用。" />

  const exportLedger = () =>
    ledger.run('ledger', () => saveLedger(ledgerUrl(orgId, period), getToken(), `工作台账-${org.name || '本组织'}-${period.from}至${period.to}.xlsx`), {
      done: '台账已导出',
    })

  return (
    <View className="xf-page xf-staff xf-dash">
      <OrgHeader org={org} label="比学赶超" />

      <View className="xf-section">
        <View className="xf-chips" role="radiogroup" aria-label="统计时段">
          {PERIOD_CHOICES.map((c) => (
            <View
              key={c.kind}
              className={`xf-chip xf-dash__chip${kind === c.kind ? ' xf-chip--on' : ''}`}
              role="radio"
              aria-checked={kind === c.kind}
              data-testid={`period-${c.kind}`}
              hoverClass="xf-pressed"
              onClick={() => setKind(c.kind)}
            >
              {c.label}
            </View>
          ))}
        </View>
        {kind === 'custom' ? (
          <View className="xf-dash__custom" data-testid="custom-period">
            <View className="xf-dash__custom-row">
              <Text className="xf-dash__custom-label">开始</Text>
              <DateField value={custom.from} onChange={(from) => setCustom((c) => ({ ...c, from }))} placeholder="开始日期" />
            </View>
            <View className="xf-dash__custom-row">
              <Text className="xf-dash__custom-label">结束</Text>
              <DateField value={custom.to} start={custom.from || undefined} onChange={(to) => setCustom((c) => ({ ...c, to }))} placeholder="结束日期" />
            </View>
            {customError ? <Text className="xf-field__error">{customError}</Text> : null}
          </View>
        ) : null}
        <Text className="xf-dash__period" data-testid="period-text">
          {periodText(period)}（共 {periodDays(period)} 天）
        </Text>
      </View>

      {data.status === 'loading' ? <LoadingState text="正在统计…" /> : null}
      {data.status === 'error' ? <ErrorState error={data.error} onRetry={data.reload} /> : null}
      {data.status === 'success' && data.data ? (
        <>
          {figureGroups(data.data.stats).map((g) => (
            <View className="xf-section" key={g.title}>
              <View className="xf-section__title">{g.title}</View>
              <View className="xf-dash__figures">
                {g.figures.map((f) => (
                  <View className="xf-dash__figure" key={f.key} data-testid={`figure-${f.key}`}>
                    <View className="xf-dash__figure-value">
                      <Text className="xf-dash__figure-number" data-testid="figure-value">
                        {f.text}
                      </Text>
                      {f.unit ? <Text className="xf-dash__figure-unit">{f.unit}</Text> : null}
                    </View>
                    <Text className="xf-dash__figure-label">{f.label}</Text>
                  </View>
                ))}
              </View>
            </View>
          ))}

          <View className="xf-section">
            <View className="xf-section__title">下级组织排名</View>
            <View className="xf-panel xf-dash__panel">
              {data.data.ranking.items.length === 0 ? (
                <EmptyState text="没有下级组织" hint="排名比较的是本组织的下级组织。" />
              ) : (
                <>
                  <Chart testid="chart-ranking" option={rankingOption(data.data.ranking)} height={rankingChartHeight(data.data.ranking.items.length)} />
                  <Text className="xf-dash__note">得分 0–100，按人均数计算，同分同名次。</Text>
                  <View className="xf-dash__rows">
                    {data.data.ranking.items.map((i) => (
                      <View className="xf-dash__row" key={i.orgId} data-testid="ranking-row">
                        <Text className={`xf-dash__rank${i.rank <= 3 ? ' xf-dash__rank--top' : ''}`}>{i.rank}</Text>
                        <Text className="xf-dash__row-name">{i.name}</Text>
                        <Text className="xf-dash__row-score">{i.score.toFixed(1)}</Text>
                      </View>
                    ))}
                  </View>
                </>
              )}
            </View>
          </View>

          <View className="xf-section">
            <View className="xf-section__title">每月动态</View>
            <View className="xf-panel xf-dash__panel">
              <Chart testid="chart-monthly" option={monthlyOption(data.data.monthly)} height={260} />
            </View>
          </View>
        </>
      ) : null}

      <View className="xf-section">
        <View className="xf-section__title">工作台账</View>
        <View className="xf-panel">
          <Alert>{ledger.error}</Alert>
          <Text className="xf-dash__note">导出本时段的工作台账（党员、承诺、心愿、祝福）。{LEDGER_HINT}。</Text>
          <View
            className={`xf-btn xf-dash__action${ledger.busy ? ' xf-btn--disabled' : ''}`}
            data-testid="export-ledger"
            hoverClass="xf-pressed"
            onClick={exportLedger}
          >
            {ledger.busy ? '正在导出…' : '导出 Excel 台账'}
          </View>
          <View className="xf-btn xf-btn--ghost xf-dash__action" data-testid="open-ranking-settings" hoverClass="xf-pressed" onClick={() => openStaffPage('ranking-settings', orgId)}>
            排名权重设置
          </View>
        </View>
      </View>
    </View>
  )
}
