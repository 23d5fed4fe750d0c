/**
 * The one echarts the dashboard draws with: the core plus only the bar and line charts, the grid,
 * legend and the canvas renderer (the full build would double the subpackage). Imported only from
 * this subpackage so the weapp main package does not carry it.
 */
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, CanvasRenderer])

export { echarts }
