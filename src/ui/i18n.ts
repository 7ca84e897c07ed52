/** The two UI languages; 简体中文 is the default. */
export type Lang = 'zh' | 'en'

const STRINGS = {
  appTitle: { zh: '蓝天 Lantian', en: 'Lantian 蓝天' },
  subtitle: { zh: '大气污染防治行动方案减排情景模拟', en: 'Emissions-reduction scenarios for air-quality action plans' },
  plan: { zh: '方案', en: 'Plan' },
  language: { zh: 'English', en: '中文' },
  languageHint: { zh: '切换到英文', en: 'Switch to Chinese' },
  illustrative: { zh: '示意清单', en: 'Illustrative inventory' },
  illustrativeHint: {
    zh: '清单数值为示意，不代表官方统计（illustrative inventory）',
    en: 'Inventory figures are illustrative, not official statistics (示意清单)',
  },
  inventory: { zh: '清单', en: 'Inventory' },
  records: { zh: '条记录', en: 'records' },
  importInventory: { zh: '导入清单…', en: 'Import inventory…' },
  loading: { zh: '正在加载…', en: 'Loading…' },
  computing: { zh: '计算中…', en: 'Computing…' },
  undo: { zh: '撤销', en: 'Undo' },
  redo: { zh: '重做', en: 'Redo' },
  reset: { zh: '恢复方案原值', en: 'Reset to plan' },
  exportCsv: { zh: '导出 CSV（排放）', en: 'CSV (emissions)' },
  exportCsvMeasures: { zh: '导出 CSV（措施）', en: 'CSV (measures)' },
  exportXlsx: { zh: '导出 XLSX', en: 'XLSX' },
  exportYaml: { zh: '情景 YAML', en: 'Scenario YAML' },
  exportJson: { zh: '情景 JSON', en: 'Scenario JSON' },
  share: { zh: '分享链接', en: 'Share link' },
  shareCopied: { zh: '链接已复制', en: 'Link copied' },
  present: { zh: '演示模式', en: 'Presenter mode' },
  exitPresent: { zh: '退出演示', en: 'Exit presenter' },
  prev: { zh: '上一步', en: 'Previous' },
  next: { zh: '下一步', en: 'Next' },
  presentHint: { zh: '← → 或空格键逐项开启措施', en: '← → or Space switch measures on one by one' },
  noMeasures: { zh: '未开启任何措施（无新增措施的基线）', en: 'No measures on (no-new-measure baseline)' },
  allMeasures: { zh: '全部措施已开启', en: 'All measures on' },
  inYear: { zh: '年', en: '' },
  scenario: { zh: '情景', en: 'Scenario' },
  counterfactual: { zh: '无新增措施基线', en: 'No-new-measure baseline' },
  creditedReduction: { zh: '措施减排量', en: 'Credited reduction' },
  target: { zh: '目标', en: 'Target' },
  targets: { zh: '目标', en: 'Targets' },
  met: { zh: '达标', en: 'Met' },
  notMet: { zh: '未达标', en: 'Not met' },
  gap: { zh: '差距', en: 'Gap' },
  margin: { zh: '余量', en: 'Margin' },
  noTarget: { zh: '本方案未设该污染物目标', en: 'No target for this pollutant' },
  required: { zh: '要求', en: 'Required' },
  achieved: { zh: '已实现削减', en: 'Achieved' },
  measures: { zh: '措施', en: 'Measures' },
  clause: { zh: '条款', en: 'Clause' },
  adoption: { zh: '实施程度', en: 'Adoption level' },
  completion: { zh: '完成月份', en: 'Completion month' },
  start: { zh: '开始', en: 'start' },
  parameters: { zh: '参数', en: 'Parameters' },
  selectedRecords: { zh: '条记录适用', en: 'record(s) in scope' },
  enabled: { zh: '启用', en: 'Enabled' },
  trajectory: { zh: '排放轨迹', en: 'Emission trajectory' },
  waterfall: { zh: '各措施减排贡献（Shapley 分摊）', en: 'Reduction by measure (Shapley attribution)' },
  bySector: { zh: '分行业排放（情景）', en: 'Emissions by sector (scenario)' },
  measuresTable: { zh: '重点工程减排量', en: 'Credited reductions by measure' },
  share_pct: { zh: '占比', en: 'Share' },
  total: { zh: '合计', en: 'Total' },
  others: { zh: '其他措施', en: 'Other measures' },
  tPerYear: { zh: '吨/年', en: 't/yr' },
  t: { zh: '吨', en: 't' },
  pp: { zh: '个百分点', en: 'pp' },
  errors: { zh: '错误', en: 'Errors' },
  lastGood: { zh: '以下显示的是上一次有效结果', en: 'Showing the last valid result' },
  warnings: { zh: '提示', en: 'Notes' },
  latency: { zh: '计算耗时', en: 'Run time' },
  corruptSaved: {
    zh: '有一份自动保存的方案无法读取，已另存备查并改用发布版本；其他方案均已恢复：',
    en: 'An autosaved scenario could not be read; it was set aside and the published version is shown; every other plan was restored:',
  },
  conflictSaved: {
    zh: '该方案已在另一个标签页中修改；为不覆盖那份修改，本页的修改另存为副本：',
    en: 'This plan was changed in another tab; to overwrite nothing, this tab keeps saving its edits as a copy:',
  },
  workerRestarted: {
    zh: '计算进程意外中止，已自动重启并重新计算',
    en: 'The computation worker stopped unexpectedly; it was restarted and the last run repeated',
  },
  provenance: { zh: '来源', en: 'Provenance' },
  categoryIndustry: { zh: '工业', en: 'Industry' },
  categoryEnergy: { zh: '能源', en: 'Energy' },
  categoryTransport: { zh: '交通', en: 'Transport' },
  categoryVocs: { zh: 'VOCs 治理', en: 'VOCs control' },
  categoryArea: { zh: '面源', en: 'Area sources' },
  categoryOther: { zh: '其他', en: 'Other' },
  noSeeds: { zh: '没有可用的方案（seeds/ 为空）', en: 'No plans available (seeds/ is empty)' },
  footer: {
    zh: '全部计算在本机浏览器中完成；减排量按精确 Shapley 值分摊到各措施。',
    en: 'Everything is computed in your browser; reductions are attributed to measures by exact Shapley values.',
  },
  // — uncertainty, costs and optimisation —
  analysisTitle: { zh: '不确定性与优化', en: 'Uncertainty & optimisation' },
  analysisHint: {
    zh: '蒙特卡洛模拟：排放因子（模型库范围）、去除率（±10%）、增长率（±1 个百分点）、实际落实程度（0.8/1/1）同时抽样；相同随机种子在网页与命令行中给出完全相同的结果。',
    en: 'Monte Carlo: emission factors (library ranges), removal (±10 %), growth (±1 pp) and achieved adoption (0.8/1/1) sampled together; the same seed gives the same numbers here and in the command line.',
  },
  mcDraws: { zh: '抽样次数', en: 'Draws' },
  mcSeed: { zh: '随机种子', en: 'Seed' },
  mcWorkers: { zh: '计算线程', en: 'Workers' },
  mcWorkersUnit: { zh: '个计算线程', en: 'worker(s)' },
  mcAuto: { zh: '自动', en: 'auto' },
  mcRun: { zh: '运行蒙特卡洛', en: 'Run Monte Carlo' },
  cancel: { zh: '取消', en: 'Cancel' },
  mcCancelled: { zh: '已取消，保留上一次结果', en: 'Cancelled; the previous result stays' },
  mcDrawsUnit: { zh: '次抽样', en: 'draws' },
  mcStale: { zh: '情景已改动，结果已过期，请重新运行', en: 'The scenario has changed; this result is stale, run again' },
  mcSummary: { zh: '达标概率', en: 'Probability of meeting' },
  mcAll: { zh: '全部目标同时达标', en: 'All targets in the same draw' },
  mcInputs: { zh: '个不确定输入', en: 'uncertain inputs' },
  mcTime: { zh: '耗时', en: 'time' },
  mcMedian: { zh: '中位数 P50', en: 'Median P50' },
  mcDeterministic: { zh: '确定性结果', en: 'Deterministic' },
  mcBadNumber: { zh: '抽样次数须为 1 至 1,000,000 的整数，随机种子须为整数', en: 'Draws must be an integer from 1 to 1,000,000 and the seed an integer' },
  fanChart: { zh: '不确定性扇形图', en: 'Uncertainty fan' },
  tornado: { zh: '敏感性（龙卷风图）', en: 'Sensitivity (tornado)' },
  tornadoLow: { zh: '取低值', en: 'at low value' },
  tornadoHigh: { zh: '取高值', en: 'at high value' },
  probMet: { zh: '达标概率', en: 'P(met)' },
  probStale: { zh: '（情景已改动）', en: '(scenario changed)' },
  macCurve: { zh: '边际减排成本曲线', en: 'Marginal abatement cost curve' },
  macCumulative: { zh: '累计减排量', en: 'Cumulative reduction' },
  macNone: { zh: '没有带成本的措施产生该污染物的减排', en: 'No measure with a cost reduces this pollutant' },
  cnyPerT: { zh: '元/吨', en: 'CNY/t' },
  cny: { zh: '元', en: 'CNY' },
  annualCost: { zh: '年化成本', en: 'Annualised cost' },
  annualCostUnit: { zh: '万元/年', en: 'CNY/yr' },
  optimise: { zh: '优化（最低成本达标）', en: 'Optimise (least cost)' },
  optimiseHint: {
    zh: '在 0–1 之间调整有成本数据的措施的实施程度，使全部目标以最低年化成本达成（HiGHS 线性规划，全模型验证）',
    en: 'Adjusts the adoption levels (0–1) of the measures that have a cost so that every target is met at least annualised cost (HiGHS LP, checked by full simulation)',
  },
  optRunning: { zh: '正在求解', en: 'Solving' },
  optSolves: { zh: '次线性规划求解', en: 'LP solve(s)' },
  optCancelled: { zh: '优化已取消', en: 'Optimisation cancelled' },
  optProposal: { zh: '优化建议', en: 'Proposal' },
  optLevelNow: { zh: '当前程度', en: 'Level now' },
  optLevelNew: { zh: '建议程度', en: 'Proposed' },
  optCostNow: { zh: '当前年化成本', en: 'Cost now' },
  optCostNew: { zh: '建议年化成本', en: 'Cost proposed' },
  optFixed: { zh: '无成本数据，保持不变', en: 'no cost data, kept' },
  optDisabled: { zh: '未启用', en: 'disabled' },
  optAccept: { zh: '采纳（可撤销）', en: 'Accept (undoable)' },
  optReject: { zh: '不采纳', en: 'Reject' },
  optTargetsAt: { zh: '建议方案下的目标（全模型计算）', en: 'Targets at the proposal (full simulation)' },
  optInfeasible: { zh: '无法同时达成全部目标', en: 'The targets cannot all be met' },
  optCannot: { zh: '无法达到', en: 'cannot be met' },
  optBest: { zh: '措施全力实施最多可达', en: 'best achievable' },
  optShort: { zh: '仍差', en: 'short by' },
  optNotConverged: { zh: '未在迭代次数内找到满足全部目标的方案', en: 'No levels meeting every target were found within the iterations' },
  optStale: { zh: '情景已改动，此建议基于旧情景', en: 'The scenario has changed; this proposal is for the old one' },
  optNoChange: { zh: '无变化', en: 'unchanged' },
  costPerT: { zh: '元/吨', en: 'CNY/t' },
} satisfies Record<string, Record<Lang, string>>

/** A key of the UI string dictionary. */
export type StringKey = keyof typeof STRINGS

/** Return the UI string for a key in a language. */
export function t(lang: Lang, key: StringKey): string {
  return STRINGS[key][lang]
}

/** Return the other language's string too, for bilingual error messages. */
export function both(key: StringKey): { zh: string; en: string } {
  return STRINGS[key]
}

/** Pick the text of a bilingual label. */
export function pick(lang: Lang, label: { zh: string; en: string } | undefined): string {
  return label ? label[lang] : ''
}

/** Format a number of tonnes for display (locale grouping, sensible precision). */
export function formatT(v: number, lang: Lang): string {
  if (!Number.isFinite(v)) return '—'
  const a = Math.abs(v)
  const digits = a >= 1000 ? 0 : a >= 10 ? 1 : 2
  return v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

/** Format a percentage (one decimal). */
export function formatPct(v: number, lang: Lang): string {
  if (!Number.isFinite(v)) return '—'
  return `${v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`
}
