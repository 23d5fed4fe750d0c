import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import CompressionPlugin from 'compression-webpack-plugin'

/**
 * Where the weapp build sends API calls. H5 always uses the relative `/api/v1` (the server serves the
 * H5 build and the API from one origin), so this only matters for the mini-program.
 */
const API_BASE = process.env.API_BASE || 'http://localhost:3000/api/v1'

export default defineConfig<'webpack5'>(async (merge) => {
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'xianfeng-miniapp',
    date: '2024-11-24',
    designWidth(input) {
      // NutUI is drawn on a 375 px design; our own styles on the usual 750.
      const file = (input as { file?: string } | undefined)?.file
      return file && file.replace(/\\+/g, '/').indexOf('@nutui') > -1 ? 375 : 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(API_BASE),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // Pages import NutUI components in different orders; CSS order between them does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        // 关怀模式: every font-size follows --xf-text-scale (see the plugin).
        './config/postcss-text-scale.js': { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: './',
      webpackChain(chain) {
        chain.performance.hints(false)
        // Pre-compressed copies next to each file: the server sends .br or .gz as the browser accepts,
        // without compressing on every request.
        if (process.env.NODE_ENV !== 'development') {
          const test = /\.(js|css|html|svg|json)$/
          chain.plugin('gzip').use(CompressionPlugin, [{ test, algorithm: 'gzip', filename: '[path][base].gz', threshold: 1024, minRatio: 0.9 }])
          chain.plugin('brotli').use(CompressionPlugin, [{ test, algorithm: 'brotliCompress', filename: '[path][base].br', threshold: 1024, minRatio: 0.9 }])
        }
      },
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        // Taro's root font size is 40 × width / 750 px, clamped to 20..40 by default: below 375 px wide
        // the clamp kept it at 20, so the 750-design page grew wider than the screen (the home grid
        // wrapped into one column at 360 and 320 px). Let it shrink with the screen down to 240 px.
        pxtransform: { enable: true, config: { baseFontSize: 20, minRootSize: 12.8 } },
        './config/postcss-text-scale.js': { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      devServer: {
        port: 10086,
        // `pnpm dev` talks to a local API server on the same relative path it uses in production.
        proxy: { '/api': { target: process.env.API_PROXY_TARGET || 'http://127.0.0.1:3000', changeOrigin: true } },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') {
    return merge({}, base, { logger: { quiet: false, stats: false } })
  }
  return merge({}, base, { logger: { quiet: true, stats: false } })
})
