import { fail, ok, type Result } from '../issues'
import { CAPACITY_UNIT, MASS_T, type UnitAnswers } from '../units/unit-system'
import { buildLibrary, type LibrarySpec } from './library'

/**
 * Build a library spec with its unit system recording, then ask it every conversion between the unit names the
 * library uses (activity, useful output, EF, parameter and cost units, custom units, both sides of each alias, t and t/h), and
 * return all its answers. Made at build time for the bundled library (`scripts/library-plugin.ts`), they let a run
 * whose inventory spells units as the library does convert them without creating mathjs's unit machinery.
 */
export function recordUnitAnswers(spec: LibrarySpec): Result<UnitAnswers> {
  const lib = buildLibrary(spec, { recordUnits: true })
  if (!lib.ok) return lib
  const names = new Set<string>([MASS_T, CAPACITY_UNIT, ...Object.keys(spec.units.aliases ?? {}), ...Object.values(spec.units.aliases ?? {})])
  for (const c of spec.units.custom ?? []) names.add(c.name)
  for (const { spec: t } of spec.technologies) {
    names.add(t.activity_unit)
    if (t.useful_output) names.add(t.useful_output.unit)
    for (const q of Object.values(t.ef)) if (q) names.add(q.unit)
  }
  for (const { spec: m } of spec.measures) {
    if (m.cost) names.add(m.cost.unit.slice(m.cost.unit.indexOf('/') + 1).trim())
    for (const p of Object.values(m.params)) if (p.unit.trim() !== '1') names.add(p.unit)
  }
  const usable = [...names].filter((u) => lib.value.units.check(u) === undefined)
  // Each successful conversion is recorded; the others stay questions for mathjs.
  for (const from of usable) for (const to of usable) lib.value.units.factor(from, to)
  const answers = lib.value.units.answers()
  return answers ? ok(answers) : fail([])
}
