import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ErrorDetail, ImportResult } from '@xianfeng/shared'
import { ApiError, describeError } from '../../../api/errors'
import { buildUrl } from '../../../api/client'
import { saveLedger } from '../../../platform/ledger'
import { workbenchApi } from '../../../api/workbench'
import { Alert } from '../../../components/Alert'
import { pickRosterFile } from '../../../platform/roster-file'

type Outcome = { kind: 'done'; result: ImportResult } | { kind: 'rows'; message: string; rows: ErrorDetail[] } | { kind: 'failed'; message: string }

/**
 * 从文件导入: a .xlsx or .csv roster, all or nothing. When rows are wrong, nothing is imported and
 * every bad row is listed here with what to fix, so staff correct the file and try again.
 */
export function ImportPanel({ orgId, onImported }: { orgId: string; onImported: (r: ImportResult) => void }) {
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  const pick = async () => {
    if (busy) return
    const file = await pickRosterFile()
    if (!file) return
    setBusy(true)
    setOutcome(null)
    try {
      const result = await workbenchApi.importRoster(orgId, file)
      setOutcome({ kind: 'done', result })
      onImported(result)
    } catch (e) {
      if (e instanceof ApiError && e.details.length > 0) setOutcome({ kind: 'rows', message: e.message, rows: e.details })
      else setOutcome({ kind: 'failed', message: describeError(e) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="xf-import" data-testid="roster-import">
      <View className="xf-row">
        <View className={`xf-btn xf-btn--ghost xf-half ${busy ? 'xf-btn--disabled' : ''}`} hoverClass="xf-pressed" data-testid="roster-import-pick" onClick={pick}>
          {busy ? '正在导入…' : '从文件导入'}
        </View>
        <View className="xf-half xf-import__template">
          <Text className="xf-link" onClick={() => saveLedger(buildUrl('/members/import-template.xlsx'), null, '党员花名册模板.xlsx').catch(() => undefined)}>
            下载模板
          </Text>
        </View>
      </View>
      {outcome?.kind === 'done' ? (
        <View className="xf-import__done" role="status" data-testid="roster-import-done">
          <Text className="xf-import__title">已导入 {outcome.result.imported} 名党员。绑定码只显示这一次，请转交本人：</Text>
          {outcome.result.members.map((m) => (
            <View key={m.id} className="xf-import__row">
              <Text className="xf-import__rowno">{m.name}</Text>
              <Text className="xf-import__code" selectable>
                {m.bindCode}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
      {outcome?.kind === 'failed' ? <Alert>{outcome.message}</Alert> : null}
      {outcome?.kind === 'rows' ? (
        <View className="xf-import__report" data-testid="roster-import-report">
          <Alert>{outcome.message}</Alert>
          {outcome.rows.map((d, i) => (
            <View key={i} className="xf-import__row" data-testid="roster-import-error">
              <Text className="xf-import__rowno">{d.row ? `第 ${d.row} 行` : '文件'}</Text>
              <Text className="xf-import__msg">{d.message.replace(/^第 \d+ 行[：:]?\s*/, '')}</Text>
            </View>
          ))}
          <Text className="xf-field__hint">请改正文件中的这些行后重新导入；本次没有导入任何数据。</Text>
        </View>
      ) : null}
    </View>
  )
}
