// plotly.js-finance-dist-min ships no types. It is the same API as plotly.js-dist-min (kept as a dev dependency
// for its types only) with fewer trace modules: bar, scatter, waterfall, pie, histogram, funnel(area), ohlc,
// candlestick, indicator.
declare module 'plotly.js-finance-dist-min' {
  export * from 'plotly.js-dist-min'
}
