import { useEffect, useRef, useState } from 'react'
import { activityProvenanceKind, ACTIVITY_BASIS, ACTIVITY_PROVENANCE, type Issue } from '../../core'
import type { InventoryInfo, InventoryPage, InventoryQuery, InventorySummary, RefusedRows, SortKey } from '../../protocol'
import { pick, t, type Lang } from '../i18n'
import type { SimulatorClient } from '../simulator-client'
import type { ImportReport, Upload } from './inventory-state'
import { FileButton } from './file-button'
import { ProvenanceMark } from './provenance-mark'
import { own } from '../../core/own'

const PAGE = 50
const ACCEPT = '.csv,.txt,.xlsx,.json,.yaml,.yml'

type Filter = NonNullable<InventoryQuery['filter']>

const fmt = (v: number | null, lang: Lang) =>
  v === null || !Number.isFinite(v) ? '' : v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 6 })
const int = (v: number, lang: Lang) => v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US')

/** Where an issue is, as the report prints it: file · sheet · row · column. */
function place(i: Issue, lang: Lang): string {
  const zh = lang === 'zh'
  const parts: string[] = []
  if (i.file) parts.push(i.file)
  if (i.sheet !== undefined) parts.push(zh ? `工作表 ${i.sheet}` : `sheet ${i.sheet}`)
  if (i.row !== undefined) parts.push(zh ? `第 ${i.row} 行` : `row ${i.row}`)
  if (i.line !== undefined) parts.push(zh ? `第 ${i.line} 行` : `line ${i.line}`)
  if (i.column !== undefined) parts.push(zh ? `列 ${i.column}` : `column ${i.column}`)
  if (i.path && i.path.length > 0) parts.push(i.path.join('.'))
  return parts.join(' · ')
}

/** The mark of a record's activity provenance (the `activity_provenance` and `activity_basis` columns). */
function ActivityProvenance({ kind, basis, lang }: { kind: string | number | null | undefined; basis: string | number | null | undefined; lang: Lang }) {
  const k = typeof kind === 'string' ? activityProvenanceKind(kind) : null
  return k ? <ProvenanceMark p={{ kind: k, text: basis === null || basis === undefined ? '' : String(basis) }} lang={lang} /> : null
}

function RawRow({ refused, row, lang }: { refused: RefusedRows; row: number; lang: Lang }) {
  const r = refused.rows.find((x) => x.row === row)
  if (!r) return <div className="muted small">{t(lang, 'invNoRaw')}</div>
  const width = Math.max(refused.header.length, r.cells.length)
  return (
    <div className="inv-raw" data-testid="inventory-raw-row">
      <table>
        <thead>
          <tr>
            <th>{t(lang, 'invRow')}</th>
            {Array.from({ length: width }, (_, j) => (
              <th key={j}>{refused.header[j] ?? ''}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{row}</td>
            {Array.from({ length: width }, (_, j) => (
              <td key={j}>{r.cells[j] ?? ''}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  )
}

/** The validation report of the last import (and run issues that point into the current inventory). */
function ValidationReport({
  report,
  extra,
  current,
  lang,
  onShowRow,
}: {
  report?: ImportReport
  extra: readonly Issue[]
  current?: string
  lang: Lang
  onShowRow: (row: number) => void
}) {
  const [open, setOpen] = useState<number>()
  const issues = [...(report?.issues ?? []), ...extra]
  if (!report && extra.length === 0) return <div className="muted small">{t(lang, 'invNoReport')}</div>
  return (
    <div className="inv-report" data-testid="inventory-report" data-ok={report?.ok ?? true}>
      {report ? (
        <div className={report.ok ? 'inv-report-head ok' : 'inv-report-head bad'}>
          {report.ok ? t(lang, 'invImportOk') : t(lang, 'invImportRefused')} <b>{report.file}</b> · {int(report.issues.length, lang)} {t(lang, 'invIssues')}
        </div>
      ) : null}
      {issues.length > 0 ? (
        <ol className="inv-issues">
          {issues.slice(0, 200).map((i, k) => {
            const inCurrent = i.row !== undefined && i.file !== undefined && i.file === current && !(report && !report.ok && i.file === report.file)
            const inRefused = i.row !== undefined && report?.refused !== undefined && i.file === report.refused.file
            return (
              <li key={k} className={i.severity === 'warning' ? 'issue warning' : 'issue'} data-testid="inventory-report-issue">
                <div className="inv-issue-where">
                  <span className="inv-place">{place(i, lang)}</span> <code>{i.code}</code>
                  {inCurrent ? (
                    <button type="button" className="link" onClick={() => onShowRow(i.row as number)} data-testid="inventory-show-row">
                      {t(lang, 'invShowRow')}
                    </button>
                  ) : inRefused ? (
                    <button type="button" className="link" onClick={() => setOpen(open === k ? undefined : k)} data-testid="inventory-show-raw">
                      {open === k ? t(lang, 'invHideRow') : t(lang, 'invShowRow')}
                    </button>
                  ) : null}
                </div>
                <span className="issue-main">{lang === 'zh' ? i.zh : i.en}</span>
                <span className="issue-alt">{lang === 'zh' ? i.en : i.zh}</span>
                {open === k && report?.refused ? <RawRow refused={report.refused} row={i.row as number} lang={lang} /> : null}
              </li>
            )
          })}
        </ol>
      ) : null}
      {issues.length > 200 ? <div className="muted small">… +{issues.length - 200}</div> : null}
    </div>
  )
}

const COLUMNS: { key: SortKey; label: 'invRow' | 'invId' | 'invRegion' | 'invSector' | 'invTechnology' | 'invActivity' | 'invNox' | 'invVocs' }[] = [
  { key: 'row', label: 'invRow' },
  { key: 'id', label: 'invId' },
  { key: 'region', label: 'invRegion' },
  { key: 'sector', label: 'invSector' },
  { key: 'technology', label: 'invTechnology' },
  { key: 'activity', label: 'invActivity' },
  { key: 'nox', label: 'invNox' },
  { key: 'vocs', label: 'invVocs' },
]

/**
 * The inventory view: summary of the inventory in use, a paged table of its records (the worker sends one page),
 * filters, the import buttons (CSV, XLSX, JSON), the XLSX template, going back to the plan's inventory, and the
 * validation report of the last import.
 */
export function InventoryView(props: {
  api?: SimulatorClient['api']
  lang: Lang
  /** Changes whenever the worker's inventory changes. */
  rev: number
  info?: InventoryInfo
  upload?: Upload
  report?: ImportReport
  runIssues: readonly Issue[]
  /** Sector labels from the model library, for the summary. */
  sectorLabels?: Record<string, { zh: string; en: string }>
  onImport: (file: File) => void
  onBackToPlan: () => void
  onTemplate: () => void
}) {
  const { api, lang, rev, info, upload, report } = props
  const [open, setOpen] = useState(false)
  const [summary, setSummary] = useState<InventorySummary>()
  const [page, setPage] = useState<InventoryPage>()
  // Where the activity-provenance columns are in the page's attributes (−1: the inventory has none).
  const provAt = page ? page.attributes.indexOf(ACTIVITY_PROVENANCE) : -1
  const basisAt = page ? page.attributes.indexOf(ACTIVITY_BASIS) : -1
  const [filter, setFilter] = useState<Filter>({})
  const [sort, setSort] = useState<InventoryQuery['sort']>()
  const [offset, setOffset] = useState(0)
  const [focusRow, setFocusRow] = useState<number>()
  const asked = useRef(0)
  const tableRef = useRef<HTMLDivElement>(null)

  // A new import report opens the view, so a refusal is seen where it is explained.
  useEffect(() => {
    if (report) setOpen(true)
  }, [report])

  useEffect(() => {
    if (!api || !open) return
    let live = true
    void api.inventorySummary().then((r) => live && r.ok && setSummary(r.value))
    return () => {
      live = false
    }
  }, [api, open, rev])

  useEffect(() => {
    if (!api || !open) return
    // The newest query wins: answers to older ones are dropped.
    const n = ++asked.current
    const q: InventoryQuery = { offset, limit: PAGE, filter, ...(sort ? { sort } : {}), ...(focusRow !== undefined ? { row: focusRow } : {}) }
    void api.inventoryPage(q).then((r) => {
      if (n !== asked.current || !r.ok) return
      setPage(r.value)
      if (focusRow !== undefined) setOffset(r.value.offset)
    })
  }, [api, open, rev, offset, filter, sort, focusRow])

  useEffect(() => {
    if (focusRow !== undefined) tableRef.current?.querySelector('tr.focus')?.scrollIntoView({ block: 'nearest' })
  }, [page, focusRow])

  useEffect(() => setOffset(0), [rev])

  const setF = (k: keyof Filter, v: string) => {
    setFocusRow(undefined)
    setOffset(0)
    setFilter((f) => ({ ...f, [k]: v }))
  }
  const showRow = (row: number) => {
    setFilter({})
    setSort(undefined)
    setFocusRow(row)
    setOpen(true)
  }
  const last = page ? Math.max(0, Math.floor((page.matched - 1) / PAGE) * PAGE) : 0
  const go = (o: number) => {
    setFocusRow(undefined)
    setOffset(Math.max(0, Math.min(last, o)))
  }
  const currentIssues = props.runIssues.filter((i) => i.file !== undefined && i.file === info?.file)
  const focusIdx = page?.focus

  return (
    <section className="inventory-view" data-testid="inventory-view" data-open={open}>
      <div className="inv-head">
        <button type="button" className="inv-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="inventory-toggle">
          {open ? '▾' : '▸'} {t(lang, 'invTitle')}
        </button>
        <span className="muted small" data-testid="inventory-source">
          {upload ? `${t(lang, 'invUploaded')}: ${upload.file}` : t(lang, 'invPlanOwn')}
          {info ? ` · ${int(info.records, lang)} ${t(lang, 'records')}` : ''}
        </span>
        <div className="spacer" />
        <FileButton label={t(lang, 'invImport')} accept={ACCEPT} testId="inventory-import" onFile={props.onImport} />
        <button type="button" onClick={props.onTemplate} disabled={!info} data-testid="inventory-template">
          {t(lang, 'invTemplate')}
        </button>
        {upload ? (
          <button type="button" onClick={props.onBackToPlan} data-testid="inventory-back">
            {t(lang, 'invBackToPlan')}
          </button>
        ) : null}
      </div>
      {open ? (
        <div className="inv-body">
          {summary ? (
            <div className="inv-summary" data-testid="inventory-summary">
              <div>
                <b>{summary.name ?? summary.file}</b>
                {summary.illustrative ? <span className="illustrative small-badge">{t(lang, 'illustrative')}</span> : null}
              </div>
              <div className="muted small">
                {summary.file} · {t(lang, 'invYear')} {summary.year} · <span data-testid="inventory-records">{int(summary.records, lang)}</span>{' '}
                {t(lang, 'records')}
              </div>
              <div className="inv-counts">
                <span className="muted small">{t(lang, 'invBySector')}:</span>
                {summary.bySector.slice(0, 10).map((c) => (
                  <button key={c.key} type="button" className="chip" title={c.key} onClick={() => setF('sector', c.key)}>
                    {pick(lang, props.sectorLabels && own(props.sectorLabels, c.key)) || c.key} <b>{int(c.count, lang)}</b>
                  </button>
                ))}
                {summary.bySector.length > 10 ? <span className="muted small">… +{summary.bySector.length - 10}</span> : null}
              </div>
              <div className="inv-counts">
                <span className="muted small">{t(lang, 'invByRegion')}:</span>
                {summary.byRegion.slice(0, 10).map((c) => (
                  <button key={c.key} type="button" className="chip" onClick={() => setF('region', c.key)}>
                    {c.key} <b>{int(c.count, lang)}</b>
                  </button>
                ))}
              </div>
            </div>
          ) : null}

          <h3>{t(lang, 'invReport')}</h3>
          <ValidationReport report={report} extra={currentIssues} current={info?.file} lang={lang} onShowRow={showRow} />

          <h3>{t(lang, 'invRecords')}</h3>
          <div className="inv-filters">
            {(['sector', 'technology', 'region', 'id'] as const).map((k) => (
              <label key={k}>
                <span>{t(lang, k === 'sector' ? 'invSector' : k === 'technology' ? 'invTechnology' : k === 'region' ? 'invRegion' : 'invId')}</span>
                <input
                  type="search"
                  value={filter[k] ?? ''}
                  placeholder={t(lang, 'invFilter')}
                  onChange={(e) => setF(k, e.currentTarget.value)}
                  data-testid={`inventory-filter-${k}`}
                  list={k === 'id' ? undefined : `inv-list-${k}`}
                />
                {k !== 'id' && summary ? (
                  <datalist id={`inv-list-${k}`}>
                    {(k === 'sector' ? summary.bySector : k === 'technology' ? summary.byTechnology : summary.byRegion).slice(0, 200).map((c) => (
                      <option key={c.key} value={c.key} />
                    ))}
                  </datalist>
                ) : null}
              </label>
            ))}
          </div>
          {page ? (
            <>
              <div className="inv-pager" data-testid="inventory-pager" data-offset={page.offset} data-matched={page.matched}>
                <button type="button" onClick={() => go(0)} disabled={page.offset === 0} data-testid="inventory-first">
                  «
                </button>
                <button type="button" onClick={() => go(page.offset - PAGE)} disabled={page.offset === 0} data-testid="inventory-prev">
                  ◀ {t(lang, 'prev')}
                </button>
                <span data-testid="inventory-range">
                  {page.matched === 0
                    ? t(lang, 'invNoMatch')
                    : `${int(page.offset + 1, lang)}–${int(page.offset + page.records.length, lang)} / ${int(page.matched, lang)}`}
                  {page.matched !== page.total ? ` (${t(lang, 'invOf')} ${int(page.total, lang)})` : ''}
                </span>
                <button type="button" onClick={() => go(page.offset + PAGE)} disabled={page.offset >= last} data-testid="inventory-next">
                  {t(lang, 'next')} ▶
                </button>
                <button type="button" onClick={() => go(last)} disabled={page.offset >= last} data-testid="inventory-last">
                  »
                </button>
              </div>
              <div className="inv-table" ref={tableRef}>
                <table data-testid="inventory-table">
                  <thead>
                    <tr>
                      {COLUMNS.map((c) => (
                        <th key={c.key}>
                          <button
                            type="button"
                            className="link"
                            onClick={() => {
                              setFocusRow(undefined)
                              setOffset(0)
                              setSort((s) => (s?.key === c.key ? (s.desc ? undefined : { key: c.key, desc: true }) : { key: c.key }))
                            }}
                          >
                            {t(lang, c.label)}
                            {sort?.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}
                          </button>
                        </th>
                      ))}
                      <th>{t(lang, 'invUnit')}</th>
                      {provAt >= 0 ? <th>{t(lang, 'provenance')}</th> : null}
                      {page.attributes.map((a) => (
                        <th key={a}>{a}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {page.records.map((r, k) => (
                      <tr key={r.index} className={k === focusIdx && focusRow !== undefined ? 'focus' : undefined} data-row={r.row} data-id={r.id}>
                        <td className="num muted">{r.row}</td>
                        <td>{r.id}</td>
                        <td>{r.region}</td>
                        <td>{r.sector}</td>
                        <td>{r.technology}</td>
                        <td className="num" data-testid="inventory-activity">
                          {fmt(r.activity, lang)}
                        </td>
                        <td className="num">{fmt(r.nox, lang)}</td>
                        <td className="num">{fmt(r.vocs, lang)}</td>
                        <td>{r.unit}</td>
                        {provAt >= 0 ? (
                          <td>
                            <ActivityProvenance kind={r.attributes[provAt]} basis={basisAt >= 0 ? r.attributes[basisAt] : null} lang={lang} />
                          </td>
                        ) : null}
                        {r.attributes.map((v, j) => (
                          <td key={j} className={typeof v === 'number' ? 'num' : undefined}>
                            {typeof v === 'number' ? fmt(v, lang) : (v ?? '')}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  )
}
