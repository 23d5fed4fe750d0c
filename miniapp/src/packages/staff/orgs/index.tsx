import { Picker, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Input } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { Limits, OrgTypeLabels, OrgTypes, type Org, type OrgType } from '@xianfeng/shared'
import { api } from '../../../api/client'
import { describeError } from '../../../api/errors'
import { workbenchApi } from '../../../api/workbench'
import { useSession } from '../../../auth/session'
import { Alert } from '../../../components/Alert'
import { Field } from '../../../components/Field'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAction } from '../../../hooks/useAction'
import { useAsync } from '../../../hooks/useAsync'
import { pageOrg } from '../../../utils/staff'
import { OrgHeader } from '../OrgHeader'
import '../staff.css'
import './index.css'

/** One organisation's name, editable in place. */
function OrgRow({ org, onRenamed }: { org: Org; onRenamed: (o: Org) => void }) {
  const [editing, setEditing] = useState(false)
  const [name, setName] = useState(org.name)
  const action = useAction<Org>({ describe: describeError, onChanged: onRenamed })
  const save = () =>
    action.run('rename', () => workbenchApi.renameOrg(org.id, name.trim()), { done: '已修改', after: () => setEditing(false) })
  return (
    <View className="xf-orgrow" data-testid="org-row">
      {editing ? (
        <View>
          <Input className="xf-input" name="name" value={name} maxLength={Limits.org.name} onChange={setName} onConfirm={save} />
          <Alert>{action.error}</Alert>
          <View className="xf-row">
            <View className="xf-btn xf-btn--ghost xf-btn--sm xf-half" hoverClass="xf-pressed" onClick={() => setEditing(false)}>
              取消
            </View>
            <View className={`xf-btn xf-btn--sm xf-half ${!name.trim() || action.busy ? 'xf-btn--disabled' : ''}`} hoverClass="xf-pressed" onClick={() => (name.trim() ? save() : undefined)}>
              {action.busy ? '保存中…' : '保存'}
            </View>
          </View>
        </View>
      ) : (
        <View className="xf-orgrow__head">
          <View className="xf-orgrow__text">
            <Text className="xf-orgrow__name">{org.name}</Text>
            <Text className="xf-orgrow__type">{OrgTypeLabels[org.type]}</Text>
          </View>
          <Text className="xf-link" onClick={() => setEditing(true)}>
            改名
          </Text>
        </View>
      )}
    </View>
  )
}

/** 组织管理: rename the organisation and its direct children, and create a child. */
export default function StaffOrgsPage() {
  const router = useRouter()
  const { user } = useSession()
  const org = pageOrg(user, router.params.orgId)
  const orgId = org?.id ?? null
  const detail = useAsync(async () => (orgId ? api.org(orgId) : null), [orgId])
  const children = useAsync(async () => (orgId ? api.orgChildren(orgId) : null), [orgId])
  const [name, setName] = useState('')
  const [type, setType] = useState<OrgType>('branch')
  const create = useAction<Org>({ describe: describeError, onChanged: () => children.refresh() })

  if (!org || !orgId) return <EmptyState text="您还不是党务工作者" />

  const add = () =>
    create.run('create', () => workbenchApi.createOrg({ name: name.trim(), type, parentId: orgId }), { done: '已创建', after: () => setName('') })

  return (
    <View className="xf-page xf-staff xf-orgs">
      <OrgHeader org={detail.data ? { id: orgId, name: detail.data.name } : org} label="组织管理" />
      <View className="xf-section">
        <View className="xf-section__title">
          <Text>本组织</Text>
        </View>
        {detail.status === 'loading' ? <LoadingState /> : null}
        {detail.status === 'error' ? <ErrorState error={detail.error} onRetry={detail.reload} /> : null}
        {detail.data ? <OrgRow org={detail.data} onRenamed={() => detail.refresh()} /> : null}
      </View>
      <View className="xf-section">
        <View className="xf-section__title">
          <Text>下级组织</Text>
        </View>
        {children.status === 'loading' ? <LoadingState /> : null}
        {children.status === 'error' ? <ErrorState error={children.error} onRetry={children.reload} /> : null}
        {children.data && children.data.items.length === 0 ? <EmptyState text="还没有下级组织" /> : null}
        {children.data?.items.map((c) => <OrgRow key={c.id} org={c} onRenamed={() => children.refresh()} />)}
      </View>
      <View className="xf-section">
        <View className="xf-section__title">
          <Text>新建下级组织</Text>
        </View>
        <View className="xf-panel">
          <Field label="名称">
            <Input className="xf-input" name="childName" value={name} maxLength={Limits.org.name} placeholder="例如 第三党支部" onChange={setName} />
          </Field>
          <Field label="类型">
            <Picker mode="selector" range={OrgTypes.map((t) => OrgTypeLabels[t])} value={OrgTypes.indexOf(type)} onChange={(e) => setType(OrgTypes[Number(e.detail.value)] ?? 'branch')}>
              <View className="xf-picker-field">
                <Text>{OrgTypeLabels[type]}</Text>
                <Text className="xf-picker-field__arrow">›</Text>
              </View>
            </Picker>
          </Field>
          <Alert>{create.error}</Alert>
          <View className={`xf-btn ${!name.trim() || create.busy ? 'xf-btn--disabled' : ''}`} hoverClass="xf-pressed" data-testid="org-create" onClick={() => (name.trim() ? add() : undefined)}>
            {create.busy ? '正在创建…' : '创建'}
          </View>
        </View>
      </View>
    </View>
  )
}
