import { View } from '@tarojs/components'

/** Placeholder: the page arrives with the c11 branch. */
export default function Page() {
  return <View />
}
