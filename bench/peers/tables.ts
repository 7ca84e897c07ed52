import type { Library, Scenario } from '../../src/core'
import { CAPACITY_UNIT, isProblem } from '../../src/core/units/unit-system'

/**
 * The only inputs the peers take precomputed, because SQL and a per-record formula cannot parse unit strings:
 * activity-unit factors per (unit, technology), capacity-unit factors to t/h, technology EFs converted to
 * t per activity unit, and useful-output unit factors between technology pairs. All are small lookup tables
 * (one row per distinct unit or technology), none is per record.
 */
export interface PeerTables {
  unitFactor: { unit: string; technology: string; f: number }[]
  capFactor: { unit: string; f: number }[]
  tech: { technology: string; efNox: number; efVocs: number; useful: number | null; usefulUnit: string | null }[]
  usefulFactor: { from: string; to: string; f: number }[]
}

/** Build the lookup tables for the units and technologies an inventory uses. */
export function peerTables(lib: Library, units: readonly string[], technologies: readonly string[], capUnits: readonly string[]): PeerTables {
  const unitFactor: PeerTables['unitFactor'] = []
  for (const u of units)
    for (const t of technologies) {
      const tech = lib.technologies.get(t)
      if (!tech) continue
      const f = lib.units.factor(u, tech.activityUnit)
      if (!isProblem(f)) unitFactor.push({ unit: u, technology: t, f })
    }
  const capFactor: PeerTables['capFactor'] = []
  for (const u of capUnits) {
    const f = lib.units.factor(u, CAPACITY_UNIT)
    if (!isProblem(f)) capFactor.push({ unit: u, f })
  }
  const tech = [...lib.technologies.values()].map((t) => ({
    technology: t.id,
    efNox: t.ef[0] as number,
    efVocs: t.ef[1] as number,
    useful: t.useful?.value ?? null,
    usefulUnit: t.useful?.unit ?? null,
  }))
  const usefulUnits = [...new Set(tech.flatMap((t) => (t.usefulUnit ? [t.usefulUnit] : [])))]
  const usefulFactor: PeerTables['usefulFactor'] = []
  for (const a of usefulUnits)
    for (const b of usefulUnits) {
      const f = lib.units.factor(a, b)
      if (!isProblem(f)) usefulFactor.push({ from: a, to: b, f })
    }
  return { unitFactor, capFactor, tech, usefulFactor }
}

/** Parameters of a measure instance with template defaults filled in. */
export function paramsOf(lib: Library, s: Scenario, k: number): Record<string, number> {
  const m = s.measures[k]
  const t = m ? lib.templates.get(m.template) : undefined
  if (!m || !t) throw new Error(`bench: measure ${k}`)
  const out: Record<string, number> = {}
  for (const [name, d] of Object.entries(t.spec.params)) out[name] = m.params[name] ?? d.default
  return out
}

type TemplateSpec = NonNullable<ReturnType<Library['templates']['get']>>['spec']

/** The removal expression of a reduce template for one pollutant, if any. */
export function removalOf(spec: TemplateSpec, pollutant: 'NOx' | 'VOCs'): string | undefined {
  return spec.kind === 'reduce' ? spec.removal[pollutant] : undefined
}

/** The target technology of a switch/share measure instance (its own `to`, else the template's). */
export function targetOf(spec: TemplateSpec, instanceTo: string | undefined): string | undefined {
  return spec.kind === 'switch' || spec.kind === 'share' ? (instanceTo ?? spec.to) : undefined
}
