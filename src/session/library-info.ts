import type { Label, Library, ResolvedTechnology, ResolvedTemplate } from '../core'
import type { LibraryInfo, ParamInfo, TemplateInfo } from '../protocol'
import { own } from '../core/own'

/** Summarise a model library as plain data for the app: templates (with their allowed switch targets), sectors, technologies. */
export function libraryInfo(lib: Library, files: number): LibraryInfo {
  // Records keyed by library ids, built with fromEntries (own properties only; the app reads them with own()).
  const templates: Record<string, TemplateInfo> = Object.fromEntries(
    [...lib.templates].map(([id, t]) => {
      const s = t.spec
      const params: Record<string, ParamInfo> = Object.fromEntries(
        Object.entries(s.params).map(([k, p]) => [
          k,
          { label: p.label, unit: p.unit, default: p.default, min: p.min, max: p.max, ...(p.source === undefined ? {} : { source: p.source }) },
        ]),
      )
      const info: TemplateInfo = {
        id,
        label: s.label,
        category: s.category,
        kind: s.kind,
        params,
        ...('to' in s ? { to: s.to, targets: allowedTargets(lib, t) } : {}),
      }
      return [id, info]
    }),
  )
  const sectors: Record<string, Label> = Object.fromEntries([...lib.sectors].map(([id, s]) => [id, s.label]))
  const technologies: Record<string, Label> = Object.fromEntries([...lib.technologies].map(([id, t]) => [id, t.label]))
  return { version: lib.version, files, templates, sectors, technologies }
}

/**
 * Return the technologies a switch or share measure of a template may move activity to, the default first: those
 * whose useful output converts to the default target's (the resolver refuses the others), that the template does
 * not itself select as a source (no coal→coal), and whose top-level sector is the default target's or a source's
 * (no boiler → forklift).
 */
export function allowedTargets(lib: Library, tpl: ResolvedTemplate): string[] {
  const spec = tpl.spec
  if (spec.kind !== 'switch' && spec.kind !== 'share') return []
  const def = lib.technologies.get(spec.to)
  if (!def?.useful) return [spec.to]
  const top = (sector: string) => sector.split('.')[0] ?? sector
  // The template's selector, read as if a record used the technology in its usual sector (other attributes absent).
  const selects = (t: ResolvedTechnology): boolean => {
    const v = tpl.appliesTo.evaluate((n) => (n === 'technology' ? t.id : n === 'sector' ? t.sector : (own(spec.params, n)?.default ?? null)))
    return v === true || (typeof v === 'number' && v !== 0 && !Number.isNaN(v))
  }
  const all = [...lib.technologies.values()]
  const families = new Set([top(def.sector), ...all.filter(selects).map((t) => top(t.sector))])
  const fits = (t: ResolvedTechnology) =>
    t.id !== def.id &&
    t.useful !== undefined &&
    typeof lib.units.factor(t.useful.unit, def.useful?.unit ?? '') === 'number' &&
    !selects(t) &&
    families.has(top(t.sector))
  return [def.id, ...all.filter(fits).map((t) => t.id)]
}
