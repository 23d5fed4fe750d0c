import { Picker, Text, View } from '@tarojs/components'
import { Button, Input, Switch, TextArea } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import type { CreateMemberRequest, CreateMemberResponse, Gender, Member, MemberStatus, PostKind } from '@xianfeng/shared'
import { Limits, PostKindLabels, PostKinds, todayInShanghai } from '@xianfeng/shared'
import { api } from '../../../api/client'
import { formErrors } from '../../../api/errors'
import { staffApi } from '../../../api/staff'
import { workbenchApi } from '../../../api/workbench'
import { formatDate } from '../../../utils/format'
import { Alert } from '../../../components/Alert'
import { Field } from '../../../components/Field'

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/
const FIELDS = ['name', 'gender', 'birthday', 'joinedPartyOn', 'workStartedOn', 'status', 'postKind', 'postTitle', 'duties', 'phone'] as const
type FieldName = (typeof FIELDS)[number]

function Chips<T extends string>({ value, options, onChange }: { value: T | null; options: Array<{ value: T; label: string }>; onChange: (v: T) => void }) {
  return (
    <View className="xf-chips">
      {options.map((o) => (
        <View key={o.value} className={`xf-chip${value === o.value ? ' xf-chip--on' : ''}`} onClick={() => onChange(o.value)}>
          {o.label}
        </View>
      ))}
    </View>
  )
}

/** A date from a picker; `initial` is where the wheels start when nothing is chosen yet. */
function DateField(props: { value: string; onChange: (v: string) => void; placeholder: string; initial: string; start?: string }) {
  const { value, onChange, placeholder, initial, start = '1920-01-01' } = props
  const today = todayInShanghai()
  return (
    <Picker mode="date" value={value || initial} start={start} end={today} onChange={(e) => onChange(String(e.detail.value))}>
      <View className={`xf-picker-field${value ? '' : ' xf-picker-field--empty'}`}>
        <Text>{value ? formatDate(value) : placeholder}</Text>
        <Text className="xf-picker-field__arrow">选择 ›</Text>
      </View>
    </Picker>
  )
}

export interface MemberFormProps {
  orgId: string
  orgName: string
  /** Editing this record (moving it with another organisation); absent: adding a new one. */
  member?: Member
  onCreated?: (r: CreateMemberResponse) => void
  onSaved?: (m: Member) => void
  onCancel: () => void
}

/** Staff add a member record (the answer carries the one-time bind code), or edit and move one. */
export function MemberForm(props: MemberFormProps) {
  const { orgId, orgName, member, onCreated, onSaved, onCancel } = props
  // Where the member belongs: this organisation or one directly under it (staff serve the subtree);
  // an edited member's own organisation is always offered.
  const own = member && member.orgId !== orgId ? [{ value: member.orgId, label: member.orgName || '原组织' }] : []
  const [orgs, setOrgs] = useState<Array<{ value: string; label: string }>>([{ value: orgId, label: orgName || '本组织' }, ...own])
  const [targetOrg, setTargetOrg] = useState(member?.orgId ?? orgId)
  useEffect(() => {
    let live = true
    api.orgChildren(orgId).then(
      (page) =>
        live &&
        setOrgs((xs) => {
          const children = page.items.map((o) => ({ value: o.id, label: o.name }))
          return [xs[0], ...children, ...xs.slice(1).filter((x) => !children.some((c) => c.value === x.value))]
        }),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [orgId])
  const [name, setName] = useState(member?.name ?? '')
  const [gender, setGender] = useState<Gender | null>(member?.gender ?? null)
  const [birthday, setBirthday] = useState(member?.birthday ?? '')
  const [joinedPartyOn, setJoined] = useState(member?.joinedPartyOn ?? '')
  const [workStartedOn, setWorkStarted] = useState(member?.workStartedOn ?? '')
  const [status, setStatus] = useState<MemberStatus>(member?.status ?? 'full')
  const [postKind, setPostKind] = useState<PostKind | 'none'>(member?.postKind ?? 'none')
  const [postTitle, setPostTitle] = useState(member?.postTitle ?? '')
  const [duties, setDuties] = useState(member?.duties ?? '')
  const [phone, setPhone] = useState(member?.phone ?? '')
  const [showPhone, setShowPhone] = useState(member?.showPhone ?? false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [errs, setErrs] = useState<Partial<Record<FieldName, string>>>({})

  const submit = async () => {
    const p = phone.replace(/\s+/g, '')
    const e: Partial<Record<FieldName, string>> = {}
    if (!name.trim()) e.name = '请填写姓名'
    if (!gender) e.gender = '请选择性别'
    if (!birthday) e.birthday = '请选择出生日期'
    if (!joinedPartyOn) e.joinedPartyOn = '请选择入党日期'
    else if (birthday && joinedPartyOn <= birthday) e.joinedPartyOn = '入党日期应晚于出生日期'
    if (p && !PHONE.test(p)) e.phone = '请填写正确的手机或座机号码'
    if (showPhone && !p) e.phone = '公开手机号前，请先填写号码'
    setErrs(e)
    setError(null)
    if (Object.keys(e).length) return

    const body: CreateMemberRequest = {
      name: name.trim(),
      gender: gender!,
      birthday,
      joinedPartyOn,
      workStartedOn: workStartedOn || null,
      status,
      postKind: postKind === 'none' ? null : postKind,
      postTitle: postTitle.trim() || null,
      duties: duties.trim() || null,
      phone: p || null,
      showPhone,
    }
    setBusy(true)
    try {
      if (member) onSaved?.(await workbenchApi.updateMember(member.id, { ...body, ...(targetOrg !== member.orgId ? { orgId: targetOrg } : {}) }))
      else onCreated?.(await staffApi.createMember(targetOrg, body))
    } catch (err) {
      const failed = formErrors(err, FIELDS)
      setErrs(failed.fields)
      setError(failed.banner)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="xf-panel xf-mform" data-testid={member ? 'member-edit-form' : 'member-form'}>
      <Alert>{error}</Alert>
      <Field label="姓名 *" error={errs.name}>
        <Input className="xf-mform__input" name="name" value={name} maxLength={Limits.member.name} placeholder="党员姓名" onChange={setName} />
      </Field>
      {orgs.length > 1 ? (
        <Field label="所在组织 *" testid="member-org" hint={member && targetOrg !== member.orgId ? '调动后保留原组织的记录，统计按调动日期计算' : undefined}>
          <Chips value={targetOrg} options={orgs} onChange={setTargetOrg} />
        </Field>
      ) : null}
      <Field label="性别 *" error={errs.gender}>
        <Chips value={gender} options={[{ value: 'male', label: '男' }, { value: 'female', label: '女' }]} onChange={setGender} />
      </Field>
      <Field label="出生日期 *" error={errs.birthday}>
        <DateField value={birthday} onChange={setBirthday} placeholder="请选择（不公开）" initial="1970-01-01" />
      </Field>
      <Field label="入党日期 *" error={errs.joinedPartyOn}>
        <DateField value={joinedPartyOn} onChange={setJoined} placeholder="请选择（政治生日）" initial="2000-07-01" start="1921-07-01" />
      </Field>
      <Field label="参加工作日期" error={errs.workStartedOn}>
        <DateField value={workStartedOn} onChange={setWorkStarted} placeholder="可不填" initial="1990-07-01" />
      </Field>
      <Field label="党员类别" error={errs.status}>
        <Chips value={status} options={[{ value: 'full', label: '正式党员' }, { value: 'probationary', label: '预备党员' }]} onChange={setStatus} />
      </Field>
      <Field label="岗位类别" error={errs.postKind}>
        <Chips<PostKind | 'none'>
          value={postKind}
          options={[...PostKinds.map((k) => ({ value: k, label: PostKindLabels[k] })), { value: 'none' as const, label: '未设岗' }]}
          onChange={setPostKind}
        />
      </Field>
      <Field label="岗位名称" error={errs.postTitle}>
        <Input className="xf-mform__input" name="postTitle" value={postTitle} maxLength={Limits.member.postTitle} placeholder="例如 便民服务岗" onChange={setPostTitle} />
      </Field>
      <Field label="岗位职责" error={errs.duties}>
        <TextArea className="xf-mform__textarea" value={duties} maxLength={Limits.member.duties} autoSize placeholder="例如 负责3号楼独居老人走访" onChange={setDuties} />
      </Field>
      <Field label="联系电话" error={errs.phone}>
        <Input className="xf-mform__input" name="phone" type="tel" value={phone} maxLength={Limits.member.phone} placeholder="手机号" onChange={setPhone} />
      </Field>
      <View className="xf-field xf-mform__switch-row">
        <View className="xf-mform__switch-text">
          <Text className="xf-field__label">名片上公开手机号</Text>
          <Text className="xf-field__hint">党员绑定后也可以自己修改。</Text>
        </View>
        <Switch checked={showPhone} onChange={(v) => setShowPhone(v)} ariaLabel="公开手机号" />
      </View>
      <Button type="primary" size="large" block loading={busy} onClick={submit}>
        {member ? '保存修改' : '添加并生成绑定码'}
      </Button>
      <View className="xf-btn xf-btn--ghost xf-mform__cancel" hoverClass="xf-pressed" onClick={onCancel}>
        取消
      </View>
    </View>
  )
}
