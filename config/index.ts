import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';
import { H5ShellPlugin } from './h5Shell';

// One config, two targets: weapp → dist/weapp, h5 → dist/h5 (picked by TARO_ENV, set by `taro build --type`).
const target = process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp';
const root = path.resolve(__dirname, '..');
/** `taro build native-components` (component tests) writes to a scratch dir, never over the app build. */
const nativeComponents = process.argv.includes('native-components');
const outputRoot = nativeComponents ? (process.env.SHANXING_NATIVE_OUT ?? '.tmp/native-components') : `dist/${target}`;

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'shanxing',
    date: '2022-4-27',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot,
    plugins: [],
    defineConstants: {},
    alias: {
      '@domain': path.join(root, 'domain'),
      '@': path.join(root, 'src'),
    },
    // The share card image of pages without a photo of their own (a path in the package: weapp's imageUrl takes one).
    copy: {
      patterns: [{ from: 'src/assets/share-cover.png', to: `${outputRoot}/assets/share-cover.png` }],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // domain/ lives outside src/; Taro only runs babel on src/ unless told otherwise.
      compile: { include: [path.join(root, 'domain')] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      compile: { include: [path.join(root, 'domain')] },
      // The home's first cards are painted by a small pre-boot shell while the framework's JS loads and runs.
      webpackChain(chain) {
        if (!nativeComponents) chain.plugin('h5Shell').use(H5ShellPlugin, [root]);
      },
      publicPath: '/',
      staticDirectory: 'static',
      // Hash routing: any static server can serve dist/h5 and deep links (/#/pkg-project/detail/index?id=…) still work.
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      devServer: {
        // Local emulator serves the cloud functions at /api/<fn> and the fake WeChat Pay at /__emulator.
        proxy: [{ context: ['/api', '/__emulator'], target: process.env.SHANXING_API ?? 'http://127.0.0.1:10086' }],
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
