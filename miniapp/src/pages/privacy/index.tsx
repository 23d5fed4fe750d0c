import { Text, View } from '@tarojs/components'
import { openPrivacyContract } from '../../platform/privacy'
import './index.css'

interface Item {
  what: string
  why: string
}

/** The system APIs the app calls, as declared in the console's privacy guide. */
const APIS: Item[] = [
  { what: '相册、相机（chooseMedia / chooseImage）', why: '上传承诺进展、心愿完成情况和党员名片的照片。只在您点击“添加照片”时使用。' },
  { what: '位置（getLocation）', why: '目前不使用。以后如用于活动签到，会在使用前再次征得您的同意。' },
  { what: '扫码（scanCode）', why: '扫描党员名片、亮岗墙的小程序码或二维码时使用；从相册识别二维码前会征得您的同意。' },
]

/** What the server keeps, and why. */
const DATA: Item[] = [
  { what: '微信标识（openid）', why: '登录和识别您的账号；不获取您的微信昵称和头像。' },
  { what: '姓名、性别、所在组织、入党时间、党内职务和岗位', why: '由组织工作人员录入，用于党员名片、亮岗墙和组织管理。' },
  { what: '出生日期', why: '由工作人员录入，仅用于生日祝福；从不在公开页面展示。' },
  { what: '手机号', why: '由您或工作人员填写；只有您选择“公开手机号”时才在名片上显示。' },
  { what: '照片', why: '您上传的照片先经过微信内容安全检测，通过后才公开展示；未通过的会被移除并通知您。' },
  { what: '心愿、承诺、评价等您提交的文字', why: '在对应的心愿墙、承诺页面展示；文字会经过微信内容安全检测。' },
  { what: '订阅消息授权', why: '记录您同意接收的提醒次数，每次提醒消耗一次。' },
]

function Section({ title, items }: { title: string; items: Item[] }) {
  return (
    <View className="xf-section">
      <View className="xf-section__title">
        <Text>{title}</Text>
      </View>
      <View className="xf-panel xf-privacy-page__list">
        {items.map((i) => (
          <View key={i.what} className="xf-privacy-page__item">
            <Text className="xf-privacy-page__what">{i.what}</Text>
            <Text className="xf-privacy-page__why">{i.why}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

export default function PrivacyPage() {
  return (
    <View className="xf-page xf-privacy-page" data-testid="privacy-page">
      <View className="xf-privacy-page__intro">
        <Text className="xf-privacy-page__title">先锋隐私保护指引</Text>
        <Text className="xf-privacy-page__lead">
          「先锋」是基层党组织的服务小程序。我们只收集提供服务所必需的信息，不出售、不用于广告；数据保存在组织使用的服务器上。
        </Text>
      </View>
      <Section title="我们使用的手机功能" items={APIS} />
      <Section title="我们保存的信息" items={DATA} />
      <View className="xf-section">
        <Text className="xf-privacy-page__lead">
          您可以随时拒绝相册、相机等授权，不影响浏览名片、亮岗墙和心愿墙；需要更正或删除您的信息，请联系所在党组织的工作人员。
        </Text>
        <Text className="xf-privacy-page__link" onClick={openPrivacyContract}>
          在微信中查看完整指引 ›
        </Text>
      </View>
    </View>
  )
}
