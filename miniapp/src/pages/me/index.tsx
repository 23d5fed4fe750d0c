import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { Member, User } from '@xianfeng/shared'
import { api } from '../../api/client'
import { clearSession, saveUser, useSession } from '../../auth/session'
import { BindForm } from '../../components/BindForm'
import { CareSwitch } from '../../components/CareSwitch'
import { MeEntries } from '../../components/MeEntries'
import { ProfileForm } from '../../components/ProfileForm'
import { ErrorState, LoadingState } from '../../components/States'
import { useAsync } from '../../hooks/useAsync'
import { MemberStatusLabels, displayName, formatDate, postKindLabel, roleLabel } from '../../utils/format'
import { openCard, openLogin } from '../../utils/nav'
import { Pages, pageUrl } from '@xianfeng/shared'
import './index.css'

/** 隐私保护指引: what the app collects and why (also where the consent sheet links). */
function PrivacyLink() {
  return (
    <View className="xf-section">
      <Text className="xf-section__action" data-testid="privacy-link" onClick={() => void Taro.navigateTo({ url: pageUrl(Pages.privacy) })}>
        隐私保护指引 ›
      </Text>
    </View>
  )
}

export default function MePage() {
  const { token } = useSession()
  const me = useAsync<User | null>(async () => {
    if (!token) return null
    const user = await api.me()
    saveUser(user)
    return user
  }, [token])

  // Back on the tab: roles or the bound member may have changed elsewhere.
  useDidShow(() => {
    if (token && me.status === 'success') me.refresh()
  })

  if (!token) {
    return (
      <View className="xf-page xf-me">
        <View className="xf-me__hero">
          <Text className="xf-me__name">未登录</Text>
          <Text className="xf-me__sub">登录后可以绑定党员身份、编辑自己的名片</Text>
        </View>
        <View className="xf-section">
          <Button type="primary" size="large" block onClick={openLogin}>
            登录
          </Button>
        </View>
        <PrivacyLink />
        <CareSwitch />
      </View>
    )
  }
  if (me.status === 'loading') return <LoadingState />
  if (me.status === 'error') return <ErrorState error={me.error} onRetry={me.reload} />
  const user = me.data
  if (!user) return <LoadingState />

  const member = user.member
  const updateMember = (m: Member) => {
    const next = { ...user, member: { ...user.member, ...m } }
    saveUser(next)
    me.setData(next)
  }
  const logout = () => {
    Taro.showModal({ title: '退出登录', content: '确定要退出登录吗？' }).then((r) => {
      if (r.confirm) clearSession()
    })
  }

  return (
    <View className="xf-page xf-me">
      <View className="xf-me__hero">
        <Text className="xf-me__name">{displayName(user)}</Text>
        <View className="xf-me__roles">
          {member ? <Text className="xf-me__role">{MemberStatusLabels[member.status] ?? '党员'}</Text> : null}
          {user.roles.map((r) => (
            <Text key={r.role === 'staff' ? r.orgId : 'admin'} className="xf-me__role">
              {roleLabel(r)}
            </Text>
          ))}
          {!member && user.roles.length === 0 ? <Text className="xf-me__role">群众</Text> : null}
        </View>
      </View>

      {member ? (
        <>
          <View className="xf-section">
            <View className="xf-section__title">
              <Text>我的党员信息</Text>
              <Text className="xf-section__action" onClick={() => openCard(member.id)}>
                我的名片 ›
              </Text>
            </View>
            <View className="xf-panel xf-me__facts">
              <View className="xf-me__fact">
                <Text className="xf-me__fact-label">所在组织</Text>
                <Text className="xf-me__fact-value">{member.orgName ?? '—'}</Text>
              </View>
              <View className="xf-me__fact">
                <Text className="xf-me__fact-label">岗位类别</Text>
                <Text className="xf-me__fact-value">{postKindLabel(member.postKind) ?? '未设岗'}</Text>
              </View>
              <View className="xf-me__fact">
                <Text className="xf-me__fact-label">入党时间</Text>
                <Text className="xf-me__fact-value">{formatDate(member.joinedPartyOn)}</Text>
              </View>
            </View>
          </View>
          <View className="xf-section">
            <View className="xf-section__title">
              <Text>编辑我的名片</Text>
            </View>
            <ProfileForm key={member.id} member={member} onSaved={updateMember} />
          </View>
        </>
      ) : (
        <View className="xf-section">
          <View className="xf-section__title">
            <Text>绑定党员身份</Text>
          </View>
          <BindForm
            onBound={(next) => {
              Taro.showToast({ title: '绑定成功', icon: 'success' })
              saveUser(next)
              me.setData(next)
            }}
          />
        </View>
      )}

      <MeEntries user={user} />
      <CareSwitch />

      <View className="xf-section">
        <View className="xf-btn xf-btn--ghost" hoverClass="xf-pressed" onClick={logout}>
          退出登录
        </View>
      </View>
      <PrivacyLink />
    </View>
  )
}
