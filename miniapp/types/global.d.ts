/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.css'

/** Build-time constant (config/index.ts): the API base URL for the weapp build. */
declare const API_BASE: string

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'h5'
  }
}
