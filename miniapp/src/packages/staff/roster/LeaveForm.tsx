import { Picker, Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { Limits, todayInShanghai, type Member, type MemberLeaveResponse } from '@xianfeng/shared'
import { describeError } from '../../../api/errors'
import { workbenchApi } from '../../../api/workbench'
import { Alert } from '../../../components/Alert'
import { Field } from '../../../components/Field'
import { useAction } from '../../../hooks/useAction'
import { formatDate } from '../../../utils/format'

/**
 * 登记离开: a dated leave, not a deletion. The member leaves the roster, the board and the counts
 * from that day, their WeChat binding ends, and wishes they claimed go back to the wall.
 */
export function LeaveForm({ member, onLeft, onCancel }: { member: Member; onLeft: (r: MemberLeaveResponse) => void; onCancel: () => void }) {
  const today = todayInShanghai()
  const [leftOn, setLeftOn] = useState(today)
  const [reason, setReason] = useState('')
  const action = useAction<MemberLeaveResponse>({ describe: describeError, onChanged: onLeft })
  const submit = () =>
    action.run('leave', () => workbenchApi.leave(member.id, { leftOn, reason: reason.trim() }), {
      done: '已登记',
      confirm: { title: '登记离开', content: `${member.name}将从花名册、亮岗墙和统计中移除（记录保留），认领中的心愿将退回心愿墙。确定吗？` },
    })
  return (
    <View className="xf-leave" data-testid="leave-form">
      <Field label="离开日期">
        <Picker mode="date" value={leftOn} start={member.joinedPartyOn} end={today} onChange={(e) => setLeftOn(String(e.detail.value))}>
          <View className="xf-picker-field">
            <Text>{formatDate(leftOn)}</Text>
            <Text className="xf-picker-field__arrow">选择 ›</Text>
          </View>
        </Picker>
      </Field>
      <Field label="离开原因">
        <TextArea className="xf-nut-textarea" value={reason} maxLength={Limits.leaveReason} placeholder="例如 组织关系转出、去世" onChange={setReason} />
      </Field>
      <Alert>{action.error}</Alert>
      <View className="xf-row">
        <Button className="xf-half" type="primary" size="large" fill="outline" onClick={onCancel}>
          取消
        </Button>
        <Button className="xf-half" type="primary" size="large" loading={action.busy !== null} disabled={!reason.trim()} onClick={submit}>
          确认登记
        </Button>
      </View>
    </View>
  )
}
