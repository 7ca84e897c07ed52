import { allowedTargets, type Label, type Library } from '../core'
import type { LibraryInfo, ParamInfo, TemplateInfo } from '../protocol'

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
