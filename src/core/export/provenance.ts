import type { Issue } from '../issues'
import { fingerprint, type OverlayReport } from '../resolve/library'
import type { Label, Scenario } from '../schema'
import { warningProvenanceRows } from './warnings'

/** The facts an export records about where its numbers come from. */
export interface ProvenanceFacts {
  appVersion: string
  libraryVersion: string
  scenario: { id: string; title: Label; hash: string }
  /** The seed plan the scenario belongs to, when it is one. */
  seed?: string
  inventory: { name?: string; file: string; year: number; records: number; illustrative: boolean }
  /** What the run ignored or assumed, located (listed after the other rows). */
  warnings?: readonly Issue[]
  date: Date
  /** The library overlays the run used (`--models`, the scenario's own entries), in order. */
  overlays?: OverlayReport[]
}

/** Return a short, stable hash of a scenario (FNV-1a of its canonical JSON), the same in the app and the CLI. */
export function scenarioHash(s: Scenario): string {
  return fingerprint([{ path: 'scenario', text: JSON.stringify(s) }])
}

/** Return the provenance rows (key, value) of an export; the app's XLSX and the CLI's write the same keys. */
export function provenanceRows(f: ProvenanceFacts): [string, string][] {
  const inv = f.inventory
  return [
    ['app', 'Lantian 蓝天'],
    ['app_version', f.appVersion],
    ['library_version', f.libraryVersion],
    ['scenario_id', f.scenario.id],
    ['scenario_title', `${f.scenario.title.zh} / ${f.scenario.title.en}`],
    ['scenario_hash', f.scenario.hash],
    ['seed', f.seed ?? ''],
    ['inventory_name', inv.name ?? ''],
    ['inventory_file', inv.file],
    ['inventory_year', String(inv.year)],
    ['inventory_records', String(inv.records)],
    ['illustrative', inv.illustrative ? '示意清单 / illustrative inventory' : 'no'],
    ['exported_at', f.date.toISOString()],
    // Exact for any number of measures (src/core/simulate/shapley.ts): there is no sampled variant to tell apart.
    ['attribution', 'Shapley (exact)'],
    ...warningProvenanceRows(f.warnings ?? []),
    ...(f.overlays ?? []).map((o, k): [string, string] => [`library_overlay_${k + 1}`, overlayText(o)]),
  ]
}

/** Describe an overlay in one line: its source and fingerprint, what it added, what it replaced. */
export function overlayText(o: OverlayReport): string {
  const lists = (
    [
      ['technologies', o.technologies],
      ['templates', o.templates],
      ['sectors', o.sectors],
      ['units', o.units],
      ['aliases', o.aliases],
    ] as const
  ).filter(([, ids]) => ids.length > 0)
  const replaced = o.overrides.map((r) => `${r.kind} ${r.id} (replaces ${r.replaces})`)
  return [
    `${o.source} (${o.version})`,
    ...lists.map(([k, ids]) => `${k}: ${ids.join(', ')}`),
    ...(replaced.length > 0 ? [`replaced: ${replaced.join('; ')}`] : []),
  ].join('; ')
}
