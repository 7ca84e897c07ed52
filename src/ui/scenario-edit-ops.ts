import type { Scenario, MeasureInstance } from '../core'
import type { TemplateInfo } from '../protocol'
import { uniqueId } from './scenario-library-ops'

// The pure parts of the plan editors (add measure, targets, growth), kept out of the components so they are testable.

type Target = Scenario['targets'][number]

/** What the add-measure form holds. */
export interface MeasureDraft {
  template: string
  zh: string
  en: string
  clause: string
  to: string
  scope: string
  start: string
  complete: string
  level: number
  shape: 'linear' | 'step'
}

/** Return the measure a draft describes, with a generated id unique in the scenario and the template's defaults. */
export function measureFromDraft(d: MeasureDraft, tpl: TemplateInfo, s: Scenario): MeasureInstance {
  const params = Object.fromEntries(Object.entries(tpl.params).map(([k, p]) => [k, p.default]))
  return {
    id: uniqueId(
      `${tpl.id}-user`,
      s.measures.map((m) => m.id),
    ),
    template: tpl.id,
    label: { zh: d.zh.trim() || tpl.label.zh, en: d.en.trim() || tpl.label.en },
    clause: d.clause.trim(),
    enabled: true,
    params,
    ...(d.scope.trim() ? { scope: d.scope.trim() } : {}),
    ...((tpl.kind === 'switch' || tpl.kind === 'share') && d.to && d.to !== tpl.to ? { to: d.to } : {}),
    schedule: { start: d.start, complete: d.complete, level: d.level, shape: d.shape },
  }
}

/** Return the target with another kind, keeping what the kinds share (a reduction target gets a reference year). */
export function withKind(x: Target, kind: Target['kind'], referenceYear: number): Target {
  const { id, label, pollutant, year, regions, source, value } = x
  const common = { id, pollutant, year, source, value, ...(label ? { label } : {}), ...(regions ? { regions } : {}) }
  if (kind === 'reduction_pct')
    return { ...common, kind, value: Math.min(100, Math.max(-100, value)), reference: 'reference' in x ? x.reference : { year: referenceYear } }
  return { ...common, kind, value: Math.max(0, value) }
}

/** Return a new target for the scenario: NOx −10 % in its last target year (or end year) against the inventory year. */
export function newTarget(s: Scenario, source: string): Target {
  const year = s.targets.length > 0 ? Math.max(...s.targets.map((x) => x.year)) : s.years.end
  return {
    id: uniqueId(
      'target-user',
      s.targets.map((x) => x.id),
    ),
    pollutant: 'NOx',
    year,
    kind: 'reduction_pct',
    value: 10,
    reference: { year: s.years.start },
    source,
  }
}

/** Parse `2025:1.1, 2030:1.2` into an index series, or return undefined when the text is not such a list. */
export function parseIndex(text: string): Record<string, number> | undefined {
  const out: [string, number][] = []
  const parts = text.split(/[,，;；\s]+/).filter((p) => p !== '')
  if (parts.length === 0) return undefined
  for (const p of parts) {
    const m = /^(\d{4})[:：=](\d+(?:\.\d+)?)$/.exec(p)
    if (!m) return undefined
    out.push([m[1] ?? '', Number(m[2])])
  }
  return Object.fromEntries(out)
}

/** Write an index series as the editor shows it. */
export function indexText(index: Record<string, number>): string {
  return Object.entries(index)
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([y, v]) => `${y}:${v}`)
    .join(', ')
}
