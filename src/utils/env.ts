/** Build-time platform flag (Taro replaces process.env.TARO_ENV, so dead branches drop out of each bundle). */
export const IS_H5 = process.env.TARO_ENV === 'h5';
