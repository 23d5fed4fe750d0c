import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Input } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import type { Member } from '@xianfeng/shared'
import { describeError } from '../../../api/errors'
import { staffApi } from '../../../api/staff'
import { useSession } from '../../../auth/session'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAsync } from '../../../hooks/useAsync'
import { MemberStatusLabels, formatPhone, postKindLabel } from '../../../utils/format'
import { OrgHeader } from '../OrgHeader'
import { pageOrg } from '../../../utils/staff'
import { BindCodePanel } from './BindCodePanel'
import { ImportPanel } from './ImportPanel'
import { LeaveForm } from './LeaveForm'
import { MemberForm } from './MemberForm'
import '../staff.css'
import './index.css'
import { LoadMore } from '../../../components/LoadMore'

interface Code {
  memberId: string
  name: string
  bindCode: string
  expiresAt?: string
  /** Just added: shown at the top of the page rather than in the list. */
  fresh?: boolean
}

/** 党员花名册: the roster of the organisation and its subtree; add members and hand out bind codes. */
export default function RosterPage() {
  const router = useRouter()
  const { user } = useSession()
  const org = pageOrg(user, router.params.orgId)
  const orgId = org?.id ?? null
  const [query, setQuery] = useState('')
  const [applied, setApplied] = useState('')
  const first = useAsync(async () => (orgId ? staffApi.roster(orgId, { q: applied || undefined }) : null), [orgId, applied])
  const [items, setItems] = useState<Member[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [more, setMore] = useState<{ loading: boolean; error: string | null }>({ loading: false, error: null })
  const [adding, setAdding] = useState(false)
  const [code, setCode] = useState<Code | null>(null)
  const [reissuing, setReissuing] = useState<string | null>(null)
  /** The member being edited or recorded as leaving, in place in the list. */
  const [open, setOpen] = useState<{ id: string; what: 'edit' | 'leave' } | null>(null)

  useEffect(() => {
    if (first.status !== 'success' || !first.data) return
    setItems(first.data.items)
    setCursor(first.data.nextCursor)
    setMore({ loading: false, error: null })
  }, [first.status, first.data])

  const search = () => setApplied(query.trim())

  const loadMore = async () => {
    if (!orgId || !cursor || more.loading) return
    setMore({ loading: true, error: null })
    try {
      const page = await staffApi.roster(orgId, { q: applied || undefined, cursor })
      setItems((xs) => [...xs, ...page.items.filter((m) => !xs.some((x) => x.id === m.id))])
      setCursor(page.nextCursor)
      setMore({ loading: false, error: null })
    } catch (e) {
      setMore({ loading: false, error: describeError(e) })
    }
  }

  const reissue = async (m: Member) => {
    if (reissuing) return
    const answer = await Taro.showModal({ title: '重新生成绑定码', content: `${m.name}之前的绑定码将失效。确定生成新的绑定码吗？` })
    if (!answer.confirm) return
    setReissuing(m.id)
    try {
      const r = await staffApi.reissueBindCode(m.id)
      setCode({ memberId: m.id, name: m.name, bindCode: r.bindCode, expiresAt: r.bindCodeExpiresAt })
    } catch (e) {
      Taro.showToast({ title: describeError(e), icon: 'none', duration: 2500 })
    } finally {
      setReissuing(null)
    }
  }

  if (!org || !orgId) return <EmptyState text="您还不是党务工作者" />

  return (
    <View className="xf-page xf-roster">
      <OrgHeader org={org} label="党员花名册" />

      {adding ? (
        <View className="xf-section">
          <View className="xf-section__title">
            <Text>添加党员</Text>
          </View>
          <MemberForm
            orgId={orgId}
            orgName={org.name}
            onCancel={() => setAdding(false)}
            onCreated={(r) => {
              setAdding(false)
              setItems((xs) => [r.member, ...xs.filter((x) => x.id !== r.member.id)])
              setCode({ memberId: r.member.id, name: r.member.name, bindCode: r.bindCode, expiresAt: r.bindCodeExpiresAt, fresh: true })
              Taro.showToast({ title: '已添加', icon: 'success' })
              // The form was long: come back up to the new code.
              Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
            }}
          />
        </View>
      ) : (
        <View className="xf-section">
          {code?.fresh ? (
            <View className="xf-roster__fresh">
              <BindCodePanel name={code.name} bindCode={code.bindCode} expiresAt={code.expiresAt} onClose={() => setCode(null)} />
            </View>
          ) : null}
          <View className="xf-roster__search">
            <Input
              className="xf-roster__input"
              name="q"
              value={query}
              placeholder="输入姓名查找"
              clearable
              onChange={setQuery}
              onClear={() => {
                setQuery('')
                setApplied('')
              }}
              onConfirm={search}
            />
            <View className="xf-btn xf-roster__go" hoverClass="xf-pressed" onClick={search}>
              查找
            </View>
          </View>
          <View className="xf-btn xf-btn--ghost xf-roster__add" hoverClass="xf-pressed" onClick={() => setAdding(true)}>
            ＋ 添加党员
          </View>
          <ImportPanel orgId={orgId} onImported={() => first.reload()} />
        </View>
      )}

      <View className="xf-section">
        {first.status === 'loading' ? <LoadingState /> : null}
        {first.status === 'error' ? <ErrorState error={first.error} onRetry={first.reload} /> : null}
        {first.status === 'success' && items.length === 0 ? (
          <EmptyState text={applied ? `没有找到“${applied}”` : '花名册还是空的'} hint={applied ? '换个名字试试。' : '点击“添加党员”录入第一位党员。'} />
        ) : null}
        {first.status === 'success' && items.length > 0 ? (
          <View>
            {items.map((m) => {
              const post = postKindLabel(m.postKind)
              return (
                <View key={m.id} className="xf-rmember" data-testid="roster-member">
                  <View className="xf-rmember__head">
                    <Text className="xf-rmember__name">{m.name}</Text>
                    <Text className="xf-rmember__tag">
                      {m.gender === 'female' ? '女' : '男'} · {MemberStatusLabels[m.status]}
                    </Text>
                    <View className="xf-spacer" />
                    <Text className={m.userId ? 'xf-rmember__bound' : 'xf-rmember__unbound'}>{m.userId ? '已绑定微信' : '未绑定'}</Text>
                  </View>
                  <Text className="xf-rmember__line">
                    {m.orgName ?? ''}
                    {post ? ` · ${post}` : ''}
                    {m.postTitle ? ` · ${m.postTitle}` : ''}
                  </Text>
                  {m.phone ? (
                    <Text className="xf-rmember__line">
                      电话 {formatPhone(m.phone)}
                      {m.showPhone ? '（名片公开）' : ''}
                    </Text>
                  ) : null}
                  {open?.id === m.id && open.what === 'edit' ? (
                    <MemberForm
                      orgId={orgId}
                      orgName={org.name}
                      member={m}
                      onCancel={() => setOpen(null)}
                      onSaved={(saved) => {
                        setOpen(null)
                        setItems((xs) => xs.map((x) => (x.id === saved.id ? saved : x)))
                        Taro.showToast({ title: saved.orgId !== m.orgId ? '已调动' : '已保存', icon: 'success' })
                      }}
                    />
                  ) : null}
                  {open?.id === m.id && open.what === 'leave' ? (
                    <LeaveForm
                      member={m}
                      onCancel={() => setOpen(null)}
                      onLeft={(r) => {
                        setOpen(null)
                        setItems((xs) => xs.filter((x) => x.id !== m.id))
                        if (r.releasedWishes > 0) Taro.showToast({ title: `${r.releasedWishes} 个心愿已退回心愿墙`, icon: 'none', duration: 2500 })
                      }}
                    />
                  ) : null}
                  {open?.id !== m.id ? (
                    <View className="xf-rmember__actions">
                      <Text className="xf-rmember__reissue" data-testid="member-edit" onClick={() => setOpen({ id: m.id, what: 'edit' })}>
                        编辑 / 调动
                      </Text>
                      <Text className="xf-rmember__reissue" data-testid="member-leave" onClick={() => setOpen({ id: m.id, what: 'leave' })}>
                        登记离开
                      </Text>
                    </View>
                  ) : null}
                  {code?.memberId === m.id && !code.fresh ? (
                    <BindCodePanel name={m.name} bindCode={code.bindCode} expiresAt={code.expiresAt} onClose={() => setCode(null)} />
                  ) : !m.userId ? (
                    <View className="xf-rmember__actions">
                      <Text className="xf-rmember__reissue" data-testid="member-reissue" onClick={() => reissue(m)}>
                        {reissuing === m.id ? '正在生成…' : '重新生成绑定码'}
                      </Text>
                    </View>
                  ) : null}
                </View>
              )
            })}
            <LoadMore hasMore={!!cursor} loading={more.loading} error={more.error} onMore={loadMore} endText={`— 共 ${items.length} 名党员 —`} />
          </View>
        ) : null}
      </View>
    </View>
  )
}
