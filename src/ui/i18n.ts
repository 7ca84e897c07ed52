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
  // — scenario editing, user scenarios, compare, units —
  unitToggleHint: { zh: '切换排放量单位（导出文件始终为吨）', en: 'Switch the emission unit (exports stay in t)' },
  addMeasure: { zh: '从措施库添加措施', en: 'Add a measure from the library' },
  template: { zh: '措施模板', en: 'Template' },
  kindCut: { zh: '削减活动', en: 'cut' },
  kindSwitch: { zh: '替代', en: 'switch' },
  kindShare: { zh: '结构调整', en: 'share' },
  kindReduce: { zh: '末端治理', en: 'reduce' },
  labelZh: { zh: '名称（中文）', en: 'Name (Chinese)' },
  labelEn: { zh: '名称（英文）', en: 'Name (English)' },
  clauseText: { zh: '对应条款', en: 'Plan clause' },
  toTechnology: { zh: '替代为（目标技术）', en: 'Switch to (target technology)' },
  scope: { zh: '适用范围表达式（可选）', en: 'Scope expression (optional)' },
  scopeHint: { zh: '例如 standard == "国三"', en: 'e.g. standard == "国三"' },
  startMonth: { zh: '开始月份', en: 'Start month' },
  shape: { zh: '推进方式', en: 'Shape' },
  shapeLinear: { zh: '线性', en: 'linear' },
  shapeStep: { zh: '一次到位', en: 'step' },
  add: { zh: '添加', en: 'Add' },
  remove: { zh: '删除', en: 'Remove' },
  removeMeasureConfirm: {
    zh: '这是方案原有的措施。确定删除？（也可以只取消“启用”）',
    en: 'This measure is part of the plan. Remove it? (You can also just switch it off.)',
  },
  addedByUser: { zh: '用户添加', en: 'added by you' },
  fieldRequired: { zh: '请填写此项', en: 'Please fill this in' },
  targetsEditor: { zh: '目标', en: 'Targets' },
  addTarget: { zh: '添加目标', en: 'Add a target' },
  pollutant: { zh: '污染物', en: 'Pollutant' },
  year: { zh: '年份', en: 'Year' },
  kind: { zh: '类型', en: 'Kind' },
  kindReductionPct: { zh: '削减比例（%）', en: 'Reduction (%)' },
  kindCapT: { zh: '排放上限（吨）', en: 'Cap (t)' },
  kindEngineeringT: { zh: '重点工程减排量（吨）', en: 'Engineering reduction (t)' },
  value: { zh: '数值', en: 'Value' },
  reference: { zh: '基准', en: 'Reference' },
  referenceYear: { zh: '基准年（预测值）', en: 'Reference year (projected)' },
  referenceExplicit: { zh: '给定基准排放量', en: 'Explicit reference emission' },
  referenceT: { zh: '基准排放量（吨/年）', en: 'Reference emission (t/yr)' },
  source: { zh: '来源', en: 'Source' },
  noTargets: { zh: '尚无目标', en: 'No targets yet' },
  growthEditor: { zh: '活动水平增长（无新增措施基线）', en: 'Activity growth (counterfactual)' },
  addGrowth: { zh: '添加增长假设', en: 'Add a growth entry' },
  sector: { zh: '行业', en: 'Sector' },
  growthRate: { zh: '年增长率（%）', en: 'Annual growth (%)' },
  growthIndex: { zh: '增长指数序列', en: 'Index series' },
  growthIndexHint: {
    zh: '年份:指数，逗号分隔，清单年 = 1，例如 2025:1.1, 2030:1.2',
    en: 'year:index, comma-separated, inventory year = 1, e.g. 2025:1.1, 2030:1.2',
  },
  growthIndexBad: { zh: '格式应为 年份:指数，例如 2025:1.1', en: 'write year:index pairs, e.g. 2025:1.1' },
  basis: { zh: '依据', en: 'Basis' },
  userAssumption: { zh: '用户假设（在应用中添加）', en: 'user assumption (added in the app)' },
  userTargetSource: { zh: '用户设定（在应用中添加）', en: 'set by the user in the app' },
  noGrowth: { zh: '未设增长假设（活动水平保持清单年水平）', en: 'No growth entries (activity stays at the inventory year)' },
  seedPlans: { zh: '发布方案', en: 'Published plans' },
  myScenarios: { zh: '我的情景', en: 'My scenarios' },
  saveAsMine: { zh: '另存为我的情景', en: 'Save as my scenario' },
  importScenario: { zh: '导入情景…', en: 'Import scenario…' },
  rename: { zh: '重命名', en: 'Rename' },
  deleteScenario: { zh: '删除情景', en: 'Delete scenario' },
  deleteScenarioConfirm: { zh: '确定删除这个情景？此操作不可撤销。', en: 'Delete this scenario? This cannot be undone.' },
  titleZh: { zh: '标题（中文）', en: 'Title (Chinese)' },
  titleEn: { zh: '标题（英文）', en: 'Title (English)' },
  save: { zh: '保存', en: 'Save' },
  cancel: { zh: '取消', en: 'Cancel' },
  copySuffix: { zh: '（我的情景）', en: ' (my scenario)' },
  basedOn: { zh: '基于清单', en: 'Runs on the inventory of' },
  seedByInventory: { zh: '按情景文件中的清单路径匹配', en: 'matched by the inventory path in the file' },
  seedByRegion: { zh: '按区域匹配', en: 'matched by region' },
  seedByCurrent: { zh: '未能匹配清单，使用当前方案的清单', en: 'no inventory matched; uses the plan on screen' },
  seedByCopy: { zh: '另存自该方案', en: 'saved from that plan' },
  imported: { zh: '已导入情景', en: 'Imported scenario' },
  importFailed: { zh: '情景文件无效，未做任何更改：', en: 'The scenario file is invalid; nothing was changed:' },
  corruptUser: { zh: '有我的情景无法读取，已另存备查：', en: 'Some of your scenarios could not be read and were set aside:' },
  compare: { zh: '情景对比', en: 'Compare' },
  closeCompare: { zh: '返回编辑', en: 'Back to editing' },
  scenarioA: { zh: '情景 A', en: 'Scenario A' },
  scenarioB: { zh: '情景 B', en: 'Scenario B' },
  published: { zh: '发布版', en: 'published' },
  edited: { zh: '已修改', en: 'edited' },
  difference: { zh: '差值（B − A）', en: 'Difference (B − A)' },
  onlyInA: { zh: '仅 A 有', en: 'only in A' },
  onlyInB: { zh: '仅 B 有', en: 'only in B' },
  sameInventory: { zh: 'A、B 使用同一份清单', en: 'A and B run on the same inventory' },
  differentInventory: {
    zh: '注意：A、B 使用不同的清单，差值含清单差异',
    en: "Note: A and B run on different inventories; the differences include the inventories' differences",
  },
  compareTrajectory: { zh: '排放轨迹对比', en: 'Trajectories compared' },
  compareMeasures: { zh: '各措施减排量对比', en: 'Credited reduction by measure' },
  compareFocusNote: { zh: '对比年份取情景 A 的目标年', en: "The year compared is scenario A's target year" },
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
