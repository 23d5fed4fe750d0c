import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { StaffInvite } from '@xianfeng/shared'
import { describeError } from '../../../api/errors'
import { workbenchApi } from '../../../api/workbench'
import { useSession } from '../../../auth/session'
import { Alert } from '../../../components/Alert'
import { EmptyState } from '../../../components/States'
import { useAction } from '../../../hooks/useAction'
import { inviteLink } from '../../../platform/invite-link'
import { formatDateTime } from '../../../utils/datetime'
import { pageOrg } from '../../../utils/staff'
import { OrgHeader } from '../OrgHeader'
import { QrCode } from '../../../components/QrCode'
import '../staff.css'
import './index.css'

/**
 * 邀请工作人员: a one-time code (and its QR) the future staff member opens from their own WeChat —
 * nobody needs to know anybody's user id. The code is shown once; it works once, for 72 hours.
 */
export default function StaffInvitePage() {
  const router = useRouter()
  const { user } = useSession()
  const org = pageOrg(user, router.params.orgId)
  const [invite, setInvite] = useState<StaffInvite | null>(null)
  const action = useAction<StaffInvite>({ describe: describeError, onChanged: setInvite })

  if (!org) return <EmptyState text="您还不是党务工作者" />

  const create = () =>
    action.run('create', () => workbenchApi.createInvite(org.id), {
      done: '已生成',
      confirm: invite ? { title: '再生成一个', content: '之前的邀请码仍然有效，直到被使用或过期。确定再生成一个吗？' } : undefined,
    })

  return (
    <View className="xf-page xf-staff xf-invite">
      <OrgHeader org={org} label="邀请工作人员" />
      <View className="xf-section">
        <View className="xf-panel">
          <Text className="xf-lead">
            被邀请人在自己的微信里打开“{org.name || '本组织'}”的邀请，即成为本组织及其下属组织的工作人员。邀请码只能使用一次，72 小时内有效。
          </Text>
          {invite ? (
            <View className="xf-invite__result" data-testid="invite-result">
              <QrCode text={inviteLink(invite.code)} side={400} testid="invite-qr" label="邀请二维码" />
              <Text className="xf-invite__code" data-testid="invite-code" selectable>
                {invite.code}
              </Text>
              <Text className="xf-invite__hint">扫码或在“我的 · 接受工作人员邀请”中输入邀请码</Text>
              <Text className="xf-invite__hint">有效期至 {formatDateTime(invite.expiresAt)}</Text>
              <View className="xf-btn xf-btn--ghost xf-invite__copy" hoverClass="xf-pressed" onClick={() => Taro.setClipboardData({ data: invite.code }).catch(() => undefined)}>
                复制邀请码
              </View>
            </View>
          ) : null}
          <Alert>{action.error}</Alert>
          <View className={`xf-btn ${action.busy ? 'xf-btn--disabled' : ''}`} hoverClass="xf-pressed" data-testid="invite-create" onClick={create}>
            {action.busy ? '正在生成…' : invite ? '再生成一个邀请码' : '生成邀请码'}
          </View>
        </View>
      </View>
    </View>
  )
}
