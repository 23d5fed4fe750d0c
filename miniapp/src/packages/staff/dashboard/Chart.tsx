import { View } from '@tarojs/components'
import Echarts from 'taro-react-echarts'
import type { EChartsCoreOption } from 'echarts/core'
import { echarts } from './echarts'

/**
 * One chart drawn by echarts: a `<canvas type="2d">` on weapp, a canvas in a div on H5.
 * `isPage={false}`: the chart appears after the data loads, long after the page's onReady.
 * Only the height is given: the width is the container's (a width in the style would be read as pixels).
 */
export function Chart({ option, height, testid }: { option: EChartsCoreOption; height: number; testid: string }) {
  return (
    <View className="xf-dash__chart" data-testid={testid} style={{ height: `${height}px` }}>
      <Echarts echarts={echarts} option={option as never} isPage={false} style={{ height: `${height}px` }} />
    </View>
  )
}
