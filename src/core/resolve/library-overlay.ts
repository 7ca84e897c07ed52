import { fail, issue, ok, type Issue, type Result } from '../issues'
import { fingerprint, type LibraryParts, type LibrarySpec, type OverlayReport } from './library'

/** One source of library entries laid over a base library: a `--models` directory, an overlay file, a scenario. */
export interface LibraryLayer {
  /** How messages and provenance name it: a directory, a file. */
  source: string
  /** Fingerprint of its text. */
  version: string
  /** Its files, for provenance. */
  files: string[]
  parts: LibraryParts
}

type Kind = 'technology' | 'template' | 'sector' | 'unit' | 'alias'

const KIND: Record<Kind, { zh: string; en: string }> = {
  technology: { zh: '技术', en: 'technology' },
  template: { zh: '措施模板', en: 'measure template' },
  sector: { zh: '行业', en: 'sector' },
  unit: { zh: '自定义单位', en: 'custom unit' },
  alias: { zh: '单位别名', en: 'unit alias' },
}

/** Where an entry of the merged library came from: the base (layer −1) or a layer, and its file. */
interface Owner {
  layer: number
  file: string
}

/**
 * Lay sources of entries over a base library, in order, entry by entry (technologies, templates, sectors, custom
 * units, unit aliases): a new id is added; an id of the base library is replaced, with a warning naming both files;
 * an id that two overlays (or two files of one overlay) define is an error naming both. So an overlay may correct
 * the bundled library, and what two overlays both claim is never settled by their order on the command line. The
 * result's `overlays` lists every layer with its entries; its `version` is the base's with the layers' fingerprint.
 */
export function layerLibrary(base: LibrarySpec, layers: readonly LibraryLayer[]): Result<LibrarySpec> {
  if (layers.length === 0) return ok(base)
  const issues: Issue[] = []
  const warnings: Issue[] = []
  const reports: OverlayReport[] = []
  // Entries earlier overlays brought belong to them, not to the base, even when `base` is already layered.
  const earlier = new Map<string, Owner>()
  for (const [k, r] of (base.overlays ?? []).entries()) {
    const own = (kind: Kind, ids: string[]) => ids.forEach((id) => earlier.set(`${kind}:${id}`, { layer: -2 - k, file: r.source }))
    own('technology', r.technologies)
    own('template', r.templates)
    own('sector', r.sectors)
    own('unit', r.units)
    own('alias', r.aliases)
  }
  const technologies = [...base.technologies]
  const measures = [...base.measures]
  const sectors = [...base.sectors]
  const custom = [...(base.units.custom ?? [])]
  const aliases = new Map(Object.entries(base.units.aliases ?? {}))
  const owners = new Map<string, Owner>()
  const seed = (kind: Kind, id: string, file: string) => {
    const key = `${kind}:${id}`
    if (!owners.has(key)) owners.set(key, earlier.get(key) ?? { layer: -1, file })
  }
  technologies.forEach((t) => seed('technology', t.spec.id, t.file))
  measures.forEach((t) => seed('template', t.spec.id, t.file))
  sectors.forEach((t) => seed('sector', t.id, t.file))
  custom.forEach((u) => seed('unit', u.name, base.unitsFile ?? 'units'))
  aliases.forEach((_, a) => seed('alias', a, base.unitsFile ?? 'units'))

  layers.forEach((layer, li) => {
    const report: OverlayReport = {
      source: layer.source,
      version: layer.version,
      files: layer.files,
      technologies: [],
      templates: [],
      sectors: [],
      units: [],
      aliases: [],
      overrides: [],
    }
    const ids: Record<Kind, string[]> = {
      technology: report.technologies,
      template: report.templates,
      sector: report.sectors,
      unit: report.units,
      alias: report.aliases,
    }
    /** Claim an id for this layer; return whether the entry replaces (true) or joins (false), undefined if refused. */
    const claim = (kind: Kind, id: string, file: string, path: (string | number)[]): boolean | undefined => {
      const key = `${kind}:${id}`
      const prev = owners.get(key)
      const k = KIND[kind]
      const where = { file, ...(path.length > 0 ? { path } : {}) }
      if (prev && prev.layer !== -1) {
        issues.push(
          issue(
            prev.layer === li ? 'library.duplicate' : 'library.conflict',
            `${k.zh} "${id}" 在 ${prev.file} 与 ${file} 中均有定义：请只保留一处`,
            `${k.en} "${id}" is defined both in ${prev.file} and in ${file}: keep one`,
            where,
          ),
        )
        return undefined
      }
      owners.set(key, { layer: li, file })
      ids[kind].push(id)
      if (!prev) return false
      report.overrides.push({ kind: k.en, id, file, replaces: prev.file })
      warnings.push(
        issue(
          'library.override',
          `${file} 中的${k.zh} "${id}" 取代了 ${prev.file} 中的同名条目`,
          `${k.en} "${id}" in ${file} replaces the one in ${prev.file}`,
          { ...where, severity: 'warning' },
        ),
      )
      return true
    }
    for (const t of layer.parts.technologies) {
      const r = claim('technology', t.spec.id, t.file, ['technologies', t.index])
      if (r === true) technologies[technologies.findIndex((x) => x.spec.id === t.spec.id)] = t
      else if (r === false) technologies.push(t)
    }
    for (const t of layer.parts.measures) {
      const r = claim('template', t.spec.id, t.file, [t.list ?? 'measures', t.index])
      if (r === true) measures[measures.findIndex((x) => x.spec.id === t.spec.id)] = t
      else if (r === false) measures.push(t)
    }
    for (const s of layer.parts.sectors) {
      const r = claim('sector', s.id, s.file, [])
      if (r === true) sectors[sectors.findIndex((x) => x.id === s.id)] = s
      else if (r === false) sectors.push(s)
    }
    for (const u of layer.parts.units) {
      ;(u.spec.custom ?? []).forEach((c, i) => {
        const r = claim('unit', c.name, u.file, ['custom', i])
        if (r === true) custom[custom.findIndex((x) => x.name === c.name)] = c
        else if (r === false) custom.push(c)
      })
      for (const [a, to] of Object.entries(u.spec.aliases ?? {})) if (claim('alias', a, u.file, ['aliases', a]) !== undefined) aliases.set(a, to)
    }
    reports.push(report)
  })
  if (issues.length > 0) return fail(issues)
  const version = `${base.version}+${fingerprint(layers.map((l) => ({ path: l.source, text: l.version })))}`
  return ok(
    {
      version,
      files: base.files + layers.reduce((n, l) => n + l.files.length, 0),
      units: { ...base.units, custom, aliases: Object.fromEntries(aliases) },
      ...(base.unitsFile ? { unitsFile: base.unitsFile } : {}),
      sectors,
      technologies,
      measures,
      overlays: [...(base.overlays ?? []), ...reports],
      warnings: [...(base.warnings ?? []), ...warnings],
    },
    warnings,
  )
}
