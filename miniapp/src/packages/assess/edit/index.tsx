import { View } from '@tarojs/components'

// Placeholder so the build declares this page; the screen comes from the client branch (c12).
export default function Placeholder() {
  return <View />
}
