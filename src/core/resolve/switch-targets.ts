import { own } from '../own'
import type { Library, ResolvedTechnology, ResolvedTemplate } from './library'

/** The technologies a switch or share template can move activity to, and whether the template selects each as a source. */
function targetsOf(lib: Library, tpl: ResolvedTemplate): { id: string; selected: boolean }[] {
  const spec = tpl.spec
  if (spec.kind !== 'switch' && spec.kind !== 'share') return []
  const def = lib.technologies.get(spec.to)
  if (!def?.useful) return [{ id: spec.to, selected: false }]
  const top = (sector: string) => sector.split('.')[0] ?? sector
  // The template's selector, read as if a record used the technology in its usual sector (other attributes absent).
  const selects = (t: ResolvedTechnology): boolean => {
    const v = tpl.appliesTo.evaluate((n) => (n === 'technology' ? t.id : n === 'sector' ? t.sector : (own(spec.params, n)?.default ?? null)))
    return v === true || (typeof v === 'number' && v !== 0 && !Number.isNaN(v))
  }
  const all = [...lib.technologies.values()]
  const families = new Set([top(def.sector), ...all.filter(selects).map((t) => top(t.sector))])
  // The sector test first: it is free, and it spares the unit system questions about unrelated technologies (the
  // built CLI answers conversions it recorded; an unrelated pair would make it create mathjs).
  const fits = (t: ResolvedTechnology) =>
    t.id !== def.id && t.useful !== undefined && families.has(top(t.sector)) && typeof lib.units.factor(t.useful.unit, def.useful?.unit ?? '') === 'number'
  return [{ id: def.id, selected: false }, ...all.filter(fits).map((t) => ({ id: t.id, selected: selects(t) }))]
}

/**
 * Return the technologies a switch or share measure of a template may move activity to, the default first: those
 * whose useful output converts to the default target's and whose top-level sector is the default target's or a
 * source's (no boiler → forklift). A scenario's `to:` outside them is an error at its path.
 */
export function compatibleTargets(lib: Library, tpl: ResolvedTemplate): string[] {
  return targetsOf(lib, tpl).map((t) => t.id)
}

/**
 * Return the targets the app's add-measure picker offers for a template: the compatible ones (`compatibleTargets`)
 * that the template does not itself select as a source, so a plain pick is never coal → coal. A scenario may still
 * name such a technology when its scope leaves those records out (a share of China IV/V trucks to China VI).
 */
export function allowedTargets(lib: Library, tpl: ResolvedTemplate): string[] {
  return targetsOf(lib, tpl)
    .filter((t) => !t.selected)
    .map((t) => t.id)
}
