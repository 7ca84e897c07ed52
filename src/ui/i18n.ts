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
  // — inventory view, XLSX import, inventory persistence and share links —
  invTitle: { zh: '清单与校验报告', en: 'Inventory and validation report' },
  invImport: { zh: '导入清单（CSV/XLSX/JSON）…', en: 'Import inventory (CSV/XLSX/JSON)…' },
  invTemplate: { zh: '下载 XLSX 模板（当前清单）', en: 'XLSX template (current inventory)' },
  invBackToPlan: { zh: '恢复方案清单', en: "Back to the plan's inventory" },
  invUploaded: { zh: '上传的清单', en: 'Uploaded inventory' },
  invPlanOwn: { zh: '方案自带清单', en: "The plan's own inventory" },
  invYear: { zh: '年份', en: 'year' },
  invBySector: { zh: '按行业', en: 'By sector' },
  invByRegion: { zh: '按区域', en: 'By region' },
  invReport: { zh: '校验报告（最近一次导入）', en: 'Validation report (last import)' },
  invNoReport: { zh: '本次会话尚未导入清单。', en: 'No inventory imported in this session.' },
  invImportOk: { zh: '已导入', en: 'Imported' },
  invImportRefused: { zh: '已拒绝（仍使用上一份有效清单）', en: 'Refused (the last good inventory stays)' },
  invIssues: { zh: '条问题', en: 'issue(s)' },
  invShowRow: { zh: '显示该行', en: 'Show row' },
  invHideRow: { zh: '收起', en: 'Hide' },
  invNoRaw: { zh: '无法读取该行的原始内容', en: "The row's raw cells could not be read" },
  invRecords: { zh: '记录', en: 'Records' },
  invFilter: { zh: '包含…', en: 'contains…' },
  invNoMatch: { zh: '没有匹配的记录', en: 'No matching records' },
  invOf: { zh: '共', en: 'of' },
  invRow: { zh: '行号', en: 'Row' },
  invId: { zh: '编号', en: 'ID' },
  invRegion: { zh: '区域', en: 'Region' },
  invSector: { zh: '行业', en: 'Sector' },
  invTechnology: { zh: '技术', en: 'Technology' },
  invActivity: { zh: '活动水平', en: 'Activity' },
  invUnit: { zh: '单位', en: 'Unit' },
  invNox: { zh: 'NOx（吨）', en: 'NOx (t)' },
  invVocs: { zh: 'VOCs（吨）', en: 'VOCs (t)' },
  invRestoreFailed: {
    zh: '自动保存的清单无法重新导入，已改用方案自带清单（保存的文件仍保留，未删除）：',
    en: "The autosaved inventory could not be imported again; the plan's own inventory is used (the saved file is kept, not deleted):",
  },
  invLinkMissing: {
    zh: '此链接的结果基于一份上传的清单，链接中没有包含它；当前显示的是方案自带清单，数值可能不同。所需清单：',
    en: "This link's numbers come from an uploaded inventory that the link does not carry; the plan's own inventory is shown and the numbers may differ. Inventory needed:",
  },
  invLinkRefused: {
    zh: '链接中携带的清单无法导入，当前显示方案自带清单，数值可能不同：',
    en: "The inventory carried by the link could not be imported; the plan's own inventory is shown and the numbers may differ:",
  },
  invLinkTooLarge: {
    zh: '该清单压缩后超过 100 kB，链接无法携带；链接只带清单指纹，接收方需要同一份清单才能得到相同数值：',
    en: 'This inventory is over 100 kB compressed, too large for a link; the link carries only its fingerprint, and the recipient needs the same inventory to get the same numbers:',
  },
  invFingerprint: { zh: '指纹', en: 'fingerprint' },
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
