import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Input } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { Limits, type AcceptStaffInviteResponse } from '@xianfeng/shared'
import { api } from '../../api/client'
import { ApiError, describeError } from '../../api/errors'
import { workbenchApi } from '../../api/workbench'
import { saveUser, useSession } from '../../auth/session'
import { Alert } from '../../components/Alert'
import { Field } from '../../components/Field'
import { useAction } from '../../hooks/useAction'
import { scanInviteCode } from '../../platform/invite-link'
import { openLogin } from '../../utils/nav'
import { chooseStaffOrg, openStaffHome } from '../../utils/staff'
import './index.css'

function describeInviteError(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'INVITE_USED') return '这个邀请码已经被使用过了，请向邀请人重新索取'
    if (e.code === 'INVITE_EXPIRED') return '这个邀请码已过期，请向邀请人重新索取'
    if (e.code === 'INVITE_INVALID') return '邀请码不正确，请核对后重新输入'
  }
  return describeError(e)
}

/**
 * 接受工作人员邀请: opened from an invitation's QR (the code filled in) or from 我的, where the code
 * is typed. In the main package: the person is not staff yet.
 */
export default function StaffInviteAcceptPage() {
  const router = useRouter()
  const { token } = useSession()
  const [code, setCode] = useState(() => decodeURIComponent(router.params.code ?? ''))
  const [joined, setJoined] = useState<AcceptStaffInviteResponse | null>(null)
  const action = useAction<AcceptStaffInviteResponse>({ describe: describeInviteError })

  const accept = () =>
    action.run('accept', () => workbenchApi.acceptInvite(code.trim()), {
      done: '已加入',
      after: async (r) => {
        setJoined(r)
        chooseStaffOrg(r.orgId)
        // The roles changed: the 工作台 tile and pages read them from the session.
        saveUser(await api.me({ quiet: true }))
      },
    })

  const scan = async () => {
    const found = scanInviteCode ? await scanInviteCode() : null
    if (found) setCode(found)
    else Taro.showToast({ title: '没有识别到邀请码', icon: 'none' })
  }

  if (joined) {
    return (
      <View className="xf-page xf-invite-accept">
        <View className="xf-section">
          <View className="xf-panel" data-testid="invite-joined">
            <Text className="xf-invite-accept__title">您已成为“{joined.orgName}”的工作人员</Text>
            <Text className="xf-lead">可以在工作台处理本组织及下属组织的审核、花名册和祝福。</Text>
            <View className="xf-btn" hoverClass="xf-pressed" onClick={openStaffHome}>
              进入工作台
            </View>
          </View>
        </View>
      </View>
    )
  }

  return (
    <View className="xf-page xf-invite-accept">
      <View className="xf-section">
        <View className="xf-panel">
          <Text className="xf-lead">请输入上级组织或本组织工作人员给您的邀请码。邀请码只能使用一次。</Text>
          {!token ? (
            <View className="xf-btn" hoverClass="xf-pressed" onClick={openLogin}>
              请先登录
            </View>
          ) : (
            <View>
              <Field label="邀请码">
                <Input
                  className="xf-input xf-invite-accept__input"
                  name="code"
                  value={code}
                  maxLength={Limits.staffInvite.code}
                  placeholder="例如 ABCD-EFGH"
                  onChange={setCode}
                  onConfirm={accept}
                />
              </Field>
              <Alert>{action.error}</Alert>
              <View
                className={`xf-btn ${!code.trim() || action.busy ? 'xf-btn--disabled' : ''}`}
                hoverClass="xf-pressed"
                data-testid="invite-accept"
                onClick={() => (code.trim() ? accept() : undefined)}
              >
                {action.busy ? '正在加入…' : '接受邀请'}
              </View>
              {scanInviteCode ? (
                <View className="xf-links">
                  <Text className="xf-link" onClick={scan}>
                    扫一扫邀请二维码
                  </Text>
                </View>
              ) : null}
            </View>
          )}
        </View>
      </View>
    </View>
  )
}
