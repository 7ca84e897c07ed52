import { allowedTargets, type Label, type Library } from '../core'
import type { LibraryInfo, ParamInfo, TemplateInfo } from '../protocol'

/** Summarise a model library as plain data for the app: templates (with their allowed switch targets), sectors, technologies. */
export function libraryInfo(lib: Library, files: number): LibraryInfo {
  const templates: Record<string, TemplateInfo> = {}
  for (const [id, t] of lib.templates) {
    const s = t.spec
    const params: Record<string, ParamInfo> = {}
    for (const [k, p] of Object.entries(s.params)) params[k] = { label: p.label, unit: p.unit, default: p.default, min: p.min, max: p.max }
    templates[id] = {
      id,
      label: s.label,
      category: s.category,
      kind: s.kind,
      params,
      ...('to' in s ? { to: s.to, targets: allowedTargets(lib, t) } : {}),
    }
  }
  const sectors: Record<string, Label> = {}
  for (const [id, s] of lib.sectors) sectors[id] = s.label
  const technologies: Record<string, Label> = {}
  for (const [id, t] of lib.technologies) technologies[id] = t.label
  return { version: lib.version, files, templates, sectors, technologies }
}
