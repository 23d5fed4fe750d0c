import { Button, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { Pages, pageUrl } from '@xianfeng/shared'
import Taro from '@tarojs/taro'
import { answerConsent, isConsentOpen, onConsentRequest } from '../platform/privacy-consent'
import { AGREE_BUTTON_ID, AGREE_OPEN_TYPE } from '../platform/privacy'
import './PrivacySheet.css'

/**
 * The consent sheet for privacy-related APIs (photos now; location and scanning if ever used). It
 * shows itself when a question is open (see platform/privacy-consent) and answers it. On weapp the
 * agree button is WeChat's own `open-type="agreePrivacyAuthorization"`.
 */
export function PrivacySheet() {
  const [open, setOpen] = useState(isConsentOpen())
  useEffect(() => onConsentRequest(setOpen), [])
  if (!open) return null
  return (
    <View className="xf-privacy" data-testid="privacy-sheet" role="dialog" aria-modal="true" aria-labelledby="xf-privacy-title">
      <View className="xf-privacy__mask" />
      <View className="xf-privacy__sheet">
        <Text id="xf-privacy-title" className="xf-privacy__title">
          隐私保护提示
        </Text>
        <Text className="xf-privacy__text">
          为了上传承诺进展、心愿完成情况和名片的照片，「先锋」需要使用您的相册或相机。照片会先经过微信内容安全检测，通过后才在公开页面展示。
        </Text>
        <Text
          className="xf-privacy__link"
          onClick={() => {
            answerConsent(false)
            void Taro.navigateTo({ url: pageUrl(Pages.privacy) }).catch(() => undefined)
          }}
        >
          查看《先锋隐私保护指引》›
        </Text>
        <View className="xf-privacy__actions">
          <Button className="xf-privacy__btn xf-privacy__btn--ghost" onClick={() => answerConsent(false)}>
            不同意
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className="xf-privacy__btn xf-privacy__btn--primary"
            openType={AGREE_OPEN_TYPE}
            // weapp: fired after WeChat has recorded the agreement; H5: a plain tap.
            onAgreePrivacyAuthorization={() => answerConsent(true)}
            onClick={AGREE_OPEN_TYPE ? undefined : () => answerConsent(true)}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  )
}
