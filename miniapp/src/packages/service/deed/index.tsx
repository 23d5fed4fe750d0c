import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { Deed } from '@xianfeng/shared'
import { Limits, todayInShanghai } from '@xianfeng/shared'
import { formErrors } from '../../../api/errors'
import { describeServiceError, serviceApi } from '../../../api/service'
import { useSession } from '../../../auth/session'
import { Alert } from '../../../components/Alert'
import { DateField } from '../../../components/DateField'
import { Field } from '../../../components/Field'
import { Gate } from '../../../components/Gate'
import { PhotoPicker } from '../../../components/Photos'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAsync } from '../../../hooks/useAsync'
import { DeedCard } from '../components/DeedCard'
import { openRecord } from '../labels'
import { openLogin } from '../../../utils/nav'
import { checkDeed, type DeedField, type Errors } from '../forms'
import '../service.css'

const L = Limits.service

/** One deed, as a notification opens it (`?id=`): its status and, when returned, why. */
function DeedView({ id }: { id: string }) {
  const deed = useAsync(() => serviceApi.deed(id), [id])
  if (deed.status === 'loading') return <LoadingState />
  if (deed.status === 'error') return <ErrorState error={deed.error} onRetry={deed.reload} />
  return (
    <View className="xf-page xf-svc" data-testid="deed-view">
      <View className="xf-section" />
      <DeedCard d={deed.data} />
      <View className="xf-section">
        <View className="xf-btn xf-btn--ghost" hoverClass="xf-pressed" onClick={() => openRecord()}>
          查看我的服务记录
        </View>
      </View>
    </View>
  )
}

/** 我为群众办实事: the member logs a deed; the branch confirms it (or returns it with a reason). */
export default function DeedPage() {
  const router = useRouter()
  const id = router.params.id ? decodeURIComponent(router.params.id) : ''
  return id ? <DeedView id={id} /> : <DeedForm />
}

function DeedForm() {
  const { token, user } = useSession()
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [doneOn, setDoneOn] = useState(todayInShanghai())
  const [beneficiary, setBeneficiary] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [errors, setErrors] = useState<Errors<DeedField>>({})
  const [banner, setBanner] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState<Deed | null>(null)

  if (!token) {
    return (
      <View className="xf-page xf-svc">
        <Gate mark="实" title="登录后记录办实事" action="登录" onAction={openLogin} />
      </View>
    )
  }
  if (!user?.member) return <EmptyState text="绑定党员身份后才能记录办实事" />

  if (saved) {
    return (
      <View className="xf-page xf-svc" data-testid="deed-saved">
        <EmptyState text="已提交，等待支部确认" hint={`“${saved.title}”确认后计入您 ${saved.doneOn.slice(0, 4)} 年的办实事件数。`} />
        <View className="xf-section">
          <View className="xf-btn" hoverClass="xf-pressed" onClick={() => Taro.navigateBack().catch(() => undefined)}>
            返回服务记录
          </View>
        </View>
      </View>
    )
  }

  const submit = async () => {
    const checked = checkDeed({ title, description, doneOn, beneficiary, photos })
    if (!checked.ok) {
      setErrors(checked.errors)
      setBanner('还有内容没有填好，请看标红的地方')
      return
    }
    setErrors({})
    setBanner(null)
    setBusy(true)
    try {
      setSaved(await serviceApi.logDeed(checked.body))
    } catch (e) {
      const fe = formErrors(e, ['title', 'description', 'doneOn', 'beneficiary'] as const, describeServiceError)
      setErrors(fe.fields)
      setBanner(fe.banner)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="xf-page xf-svc">
      <View className="xf-section">
        <View className="xf-panel" data-testid="deed-form">
          <Text className="xf-lead">为群众办了实事、好事，记下来。支部确认后计入您的服务记录。</Text>
          <Alert>{banner}</Alert>
          <Field label="办了什么（一句话）" error={errors.title}>
            <Input className="xf-svc__input" name="title" value={title} maxLength={L.deedTitle} placeholder="例如：帮独居老人修好了水管" onChange={setTitle} />
          </Field>
          <Field label="经过" error={errors.description}>
            <TextArea className="xf-nut-textarea" value={description} maxLength={L.deedDescription} showCount placeholder="什么情况、怎么办的、结果如何" onChange={setDescription} />
          </Field>
          <Field label="办理日期" error={errors.doneOn}>
            <DateField value={doneOn} onChange={setDoneOn} />
          </Field>
          <Field label="为谁办的（选填）" hint="不会公开，只有您和支部工作人员能看到" error={errors.beneficiary}>
            <Input className="xf-svc__input" name="beneficiary" value={beneficiary} maxLength={L.beneficiary} placeholder="例如：3 号楼王奶奶" onChange={setBeneficiary} />
          </Field>
          <Field label={`照片（选填，最多 ${L.deedPhotos} 张）`}>
            <PhotoPicker photos={photos} onChange={setPhotos} max={L.deedPhotos} />
          </Field>
          <Button type="primary" size="large" block loading={busy} onClick={submit}>
            提交
          </Button>
        </View>
      </View>
    </View>
  )
}
