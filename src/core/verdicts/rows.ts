import type { Cell } from '../export/csv'
import type { Assumption, VerdictReport } from './types'

/** The CSV columns of `lantian verdicts --format csv`: one row per target and input, closest flip first. */
export const VERDICT_HEADER = [
  'target',
  'pollutant',
  'year',
  'target_kind',
  'met',
  'projected_t',
  'required_t',
  'gap_t',
  'rank',
  'kind',
  'measure',
  'param',
  'technology',
  'ef_pollutant',
  'sector',
  'label_zh',
  'label_en',
  'value',
  'flip',
  'range_lo',
  'range_hi',
  'unit',
  'distance',
  'method',
  'provenance',
  'provenance_text',
] as const

/** Return the report as CSV rows (VERDICT_HEADER order); an unbounded range end and a missing flip are empty cells. */
export function verdictRows(v: VerdictReport): Cell[][] {
  return v.targets.flatMap((t) =>
    t.assumptions.map((a, i) => [
      t.id,
      t.pollutant,
      t.year,
      t.kind,
      t.met,
      t.projected,
      t.required,
      t.gapT,
      i + 1,
      a.kind,
      a.measure,
      a.param,
      a.technology,
      a.pollutant,
      a.sector,
      a.label.zh,
      a.label.en,
      a.value,
      a.flip,
      a.range[0],
      a.range[1],
      a.unit,
      a.distance,
      a.method,
      a.provenance?.kind,
      a.provenance?.text,
    ]),
  )
}

/** Return one assumption as `lantian verdicts --format json` writes it: the keys first, then the rest. */
function assumptionJson(a: Assumption) {
  return {
    kind: a.kind,
    ...(a.measure !== undefined ? { measure: a.measure } : {}),
    ...(a.param !== undefined ? { param: a.param } : {}),
    ...(a.technology !== undefined ? { technology: a.technology } : {}),
    ...(a.pollutant !== undefined ? { pollutant: a.pollutant } : {}),
    ...(a.sector !== undefined ? { sector: a.sector } : {}),
    value: a.value,
    flip: a.flip,
    // JSON has no Infinity: an unbounded end is written as null.
    range: [a.range[0], Number.isFinite(a.range[1]) ? a.range[1] : null],
    ...(a.provenance ? { provenance: a.provenance.kind, provenanceText: a.provenance.text } : {}),
    label: a.label,
    unit: a.unit,
    distance: a.distance,
    method: a.method,
  }
}

/**
 * Return the report as `lantian verdicts --format json` writes it:
 * `{"targets":[{"id","pollutant","year","kind","met","projected","required","assumptions":[…]}]}` plus the gap,
 * the reference note, the warnings and the number of simulations.
 */
export function verdictsJson(v: VerdictReport) {
  return {
    targets: v.targets.map((t) => ({
      id: t.id,
      pollutant: t.pollutant,
      year: t.year,
      kind: t.kind,
      met: t.met,
      projected: t.projected,
      required: t.required,
      gapT: t.gapT,
      ...(t.reference ? { reference: t.reference } : {}),
      assumptions: t.assumptions.map(assumptionJson),
    })),
    warnings: v.warnings,
    runs: v.runs,
  }
}
