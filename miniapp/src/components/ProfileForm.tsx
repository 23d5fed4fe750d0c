import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Input, Switch, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { Member, UpdateMyMemberRequest } from '@xianfeng/shared'
import { Limits } from '@xianfeng/shared'
import { api } from '../api/client'
import { formErrors } from '../api/errors'
import { Alert } from './Alert'
import { Field } from './Field'

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/

const FIELDS = ['postTitle', 'duties', 'phone'] as const
type FieldName = (typeof FIELDS)[number]

/** The member edits what residents see on their card: post title, duties, phone and whether to show it. */
export function ProfileForm({ member, onSaved }: { member: Member; onSaved: (m: Member) => void }) {
  const [postTitle, setPostTitle] = useState(member.postTitle ?? '')
  const [duties, setDuties] = useState(member.duties ?? '')
  const [phone, setPhone] = useState(member.phone ?? '')
  const [showPhone, setShowPhone] = useState(member.showPhone)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({})

  const save = async () => {
    const p = phone.replace(/\s+/g, '')
    const errs: Partial<Record<FieldName, string>> = {}
    if (p && !PHONE.test(p)) errs.phone = '请填写正确的手机或座机号码'
    if (showPhone && !p) errs.phone = '公开手机号前，请先填写号码'
    setFieldErrors(errs)
    setError(null)
    if (Object.keys(errs).length > 0) return

    const patch: UpdateMyMemberRequest = {
      postTitle: postTitle.trim() || null,
      duties: duties.trim() || null,
      phone: p || null,
      showPhone,
    }
    setBusy(true)
    try {
      const saved = await api.updateMyMember(patch)
      Taro.showToast({ title: '已保存', icon: 'success' })
      onSaved(saved)
    } catch (e) {
      // Field messages go beside their fields; the banner only says where to look.
      const failed = formErrors(e, FIELDS)
      setFieldErrors(failed.fields)
      setError(failed.banner)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="xf-panel" data-testid="profile-form">
      <Alert>{error}</Alert>
      <Field label="岗位名称" error={fieldErrors.postTitle}>
        <Input className="xf-me__input" name="postTitle" value={postTitle} maxLength={Limits.member.postTitle} placeholder="例如 便民服务岗" onChange={setPostTitle} />
      </Field>
      <Field label="岗位职责" error={fieldErrors.duties}>
        <TextArea
          className="xf-me__textarea"
          value={duties}
          maxLength={Limits.member.duties}
          showCount
          autoSize
          placeholder="写下您为群众做的事，例如：负责3号楼独居老人走访"
          onChange={setDuties}
        />
      </Field>
      <Field label="联系电话" error={fieldErrors.phone}>
        <Input className="xf-me__input" name="phone" type="tel" value={phone} maxLength={Limits.member.phone} placeholder="手机号" onChange={setPhone} />
      </Field>
      <View className="xf-field xf-me__switch-row">
        <View className="xf-me__switch-text">
          <Text className="xf-field__label">公开手机号</Text>
          <Text className="xf-field__hint">开启后，群众可以在您的名片上看到并拨打这个号码。</Text>
        </View>
        <Switch checked={showPhone} onChange={(v) => setShowPhone(v)} ariaLabel="公开手机号" />
      </View>
      <Button type="primary" size="large" block loading={busy} onClick={save}>
        保存
      </Button>
    </View>
  )
}
