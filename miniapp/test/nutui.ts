// NutUI's package entry is a UMD bundle of every component (lottie and canvas included), which jsdom
// cannot load. The app build imports components one by one (babel-plugin-import); so do the tests.
export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button/index.js'
export { default as Input } from '@nutui/nutui-react-taro/dist/es/packages/input/index.js'
export { default as TextArea } from '@nutui/nutui-react-taro/dist/es/packages/textarea/index.js'
export { default as Switch } from '@nutui/nutui-react-taro/dist/es/packages/switch/index.js'
