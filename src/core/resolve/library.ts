import { compileExpression, type CompiledExpr } from '../expr/compile'
import { echo, fail, issue, ok, type Issue, type Result } from '../issues'
import { parseYamlText, zodIssues } from '../parse/yaml'
import {
  MeasuresFileSchema,
  type MeasureTemplateSchema,
  POLLUTANTS,
  SectorsFileSchema,
  TechnologiesFileSchema,
  UnitsFileSchema,
  type Label,
  type MeasureTemplateSpec,
  type QuantitySpec,
  type TechnologySpec,
  type UnitsFileSpec,
} from '../schema'
import type { z } from 'zod'
import { isProblem, MASS_T, UnitSystem, type UnitAnswers } from '../units/unit-system'
import { unitProblemIssue } from './unit-issues'
import { hasOwn } from '../own'

/** A technology with its EFs converted to t of pollutant per one activity unit. */
export interface ResolvedTechnology {
  id: string
  label: Label
  sector: string
  activityUnit: string
  /** t per activity unit, in POLLUTANTS order (0 where the library gives none). */
  ef: Float64Array
  efSpec: (QuantitySpec | undefined)[]
  useful?: { value: number; unit: string }
  spec: TechnologySpec
}

/** A measure template with its expressions compiled once. */
export interface ResolvedTemplate {
  spec: z.output<typeof MeasureTemplateSchema>
  appliesTo: CompiledExpr
  /** Removal expression per pollutant (reduce only). */
  removal: (CompiledExpr | undefined)[]
}

/** The loaded model library: units, sectors, technologies and measure templates. */
export interface Library {
  units: UnitSystem
  sectors: Map<string, { id: string; label: Label }>
  technologies: Map<string, ResolvedTechnology>
  templates: Map<string, ResolvedTemplate>
  /** Short fingerprint of the library text, for provenance. */
  version: string
  /** What it was built from (`buildLibrary`): a scenario's own entries are added to this (`libraryForScenario`). */
  spec: LibrarySpec
}

/** How `buildLibrary` treats units. */
export interface BuildOptions {
  /** Unit answers recorded for this library's units (`recordUnitAnswers`): given, mathjs's units start lazily. */
  unitAnswers?: UnitAnswers
  /** Record the unit system's answers (`library.units.answers()`). */
  recordUnits?: boolean
  /** Reuse this unit system, made for the same units (a scenario's own entries add none). */
  units?: UnitSystem
}

/** A model file as read from disk or bundled into the app. */
export interface TextFile {
  path: string
  text: string
}

/** A technology of a library, with the file it comes from and its position in that file's list. */
export interface TechnologyEntry {
  spec: z.output<typeof TechnologiesFileSchema>['technologies'][number]
  file: string
  index: number
}

/** A measure template of a library, with its file, its list (`measures` in a model file) and position. */
export interface TemplateEntry {
  spec: z.output<typeof MeasuresFileSchema>['measures'][number]
  file: string
  index: number
  /** The list it is in, when not `measures` (a scenario's own templates are in `templates`). */
  list?: string
}

/** A sector of a library, with its file. */
export type SectorEntry = { id: string; label: Label; file: string }

/**
 * The model library as its files say it, after YAML parsing and schema validation but before any cross-check,
 * unit conversion or expression compilation: plain data (JSON-safe), with each entry's file and position.
 * The app ships this form of its bundled library, produced at build time (`scripts/library-plugin.ts`), so the
 * worker neither parses YAML nor runs the schemas at start; `buildLibrary` does the rest as for files read here.
 */
export interface LibrarySpec {
  /** Short fingerprint of the library text, for provenance (`fingerprint` of the files). */
  version: string
  /** How many files were given. */
  files: number
  units: UnitsFileSpec
  /** The file the units come from. */
  unitsFile?: string
  sectors: SectorEntry[]
  technologies: TechnologyEntry[]
  measures: TemplateEntry[]
  /** The sources laid over the base library, in order (`layerLibrary`); absent for a library of its own files. */
  overlays?: OverlayReport[]
  /** What laying them over said (entries replaced): every run on the library reports it (`resolveScenario`). */
  warnings?: Issue[]
}

/** What one overlay added to a library or replaced in it, for provenance. */
export interface OverlayReport {
  /** The directory, file or scenario the entries come from. */
  source: string
  /** Fingerprint of its text. */
  version: string
  files: string[]
  technologies: string[]
  templates: string[]
  sectors: string[]
  units: string[]
  aliases: string[]
  /** The base library's entries it replaced: kind, id, the overlay's file and the replaced entry's file. */
  overrides: { kind: string; id: string; file: string; replaces: string }[]
}

/** The entries of some library files, none of them required (a whole library, or an overlay of a few entries). */
export interface LibraryParts {
  units: { spec: z.output<typeof UnitsFileSchema>; file: string }[]
  sectors: SectorEntry[]
  technologies: TechnologyEntry[]
  measures: TemplateEntry[]
}

/** Load and cross-check the model library from its YAML/JSON files. */
export function loadLibrary(files: readonly TextFile[]): Result<Library> {
  const spec = readLibrarySpec(files)
  return spec.ok ? buildLibrary(spec.value) : spec
}

/** Parse and schema-check library files, in path order: whatever entries they hold (see `readLibrarySpec`). */
export function readLibraryParts(files: readonly TextFile[]): Result<LibraryParts> {
  const { parts, issues } = collectParts(files)
  return issues.length > 0 ? fail(issues) : ok(parts)
}

function collectParts(files: readonly TextFile[]): { parts: LibraryParts; issues: Issue[] } {
  const issues: Issue[] = []
  const parts: LibraryParts = { units: [], sectors: [], technologies: [], measures: [] }
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    if (!/\.(ya?ml|json)$/i.test(f.path)) continue
    const doc = parseYamlText(f.text, f.path)
    if (!doc.ok) {
      issues.push(...doc.issues)
      continue
    }
    const format = (doc.value.data as { format?: unknown } | null)?.format
    const check = <S extends z.ZodType>(schema: S): z.output<S> | undefined => {
      const r = schema.safeParse(doc.value.data)
      if (!r.success) {
        issues.push(...zodIssues(r.error, f.path, doc.value))
        return undefined
      }
      return r.data
    }
    if (format === 'lantian-units/1') {
      const u = check(UnitsFileSchema)
      if (u) parts.units.push({ spec: u, file: f.path })
    } else if (format === 'lantian-sectors/1') check(SectorsFileSchema)?.sectors.forEach((s) => parts.sectors.push({ ...s, file: f.path }))
    else if (format === 'lantian-technologies/1')
      check(TechnologiesFileSchema)?.technologies.forEach((t, index) => parts.technologies.push({ spec: t, file: f.path, index }))
    else if (format === 'lantian-measures/1') check(MeasuresFileSchema)?.measures.forEach((m, index) => parts.measures.push({ spec: m, file: f.path, index }))
    else if (!/readme/i.test(f.path))
      issues.push(issue('library.format', `未知的 format：${String(format)}`, `unknown format: ${String(format)}`, { file: f.path, path: ['format'] }))
  }
  return { parts, issues }
}

/** Parse and schema-check the model library's YAML/JSON files (the first half of `loadLibrary`): one units file. */
export function readLibrarySpec(files: readonly TextFile[]): Result<LibrarySpec> {
  const { parts, issues } = collectParts(files)
  const [units, second] = parts.units
  if (!units)
    issues.push(issue('library.units-missing', '模型库缺少 units 文件（format: lantian-units/1）', 'model library has no units file (format: lantian-units/1)'))
  if (second)
    issues.push(
      issue(
        'library.units-twice',
        `模型库有两个 units 文件：${units?.file} 与 ${second.file}`,
        `the model library has two units files: ${units?.file} and ${second.file}`,
        {
          file: second.file,
        },
      ),
    )
  if (issues.length > 0 || !units) return fail(issues)
  const { sectors, technologies, measures } = parts
  return ok({ version: fingerprint(files), files: files.length, units: units.spec, unitsFile: units.file, sectors, technologies, measures })
}

/** Cross-check a parsed library, convert its units and compile its expressions (the second half of `loadLibrary`). */
export function buildLibrary(lib: LibrarySpec, options: BuildOptions = {}): Result<Library> {
  const issues: Issue[] = []
  const { units: unitsSpec, sectors: sectorList, technologies: techs, measures: templates } = lib
  let units: UnitSystem
  try {
    units = options.units ?? new UnitSystem(unitsSpec, options.unitAnswers)
    if (options.recordUnits) units.record()
  } catch (e) {
    return fail([issue('library.units', `自定义单位无效：${String(e)}`, `invalid custom unit: ${String(e)}`)])
  }
  // Every alias must stand for a unit: its target follows the unit grammar (no numbers, no other aliases).
  for (const [key, target] of Object.entries(unitsSpec.aliases ?? {})) {
    const p = units.checkAlias(key, target)
    if (p) issues.push(unitProblemIssue(p, { ...(lib.unitsFile ? { file: lib.unitsFile } : {}), path: ['aliases', key] }, `alias ${key}`))
  }

  const sectors = new Map<string, { id: string; label: Label }>()
  for (const s of sectorList) {
    if (sectors.has(s.id)) issues.push(issue('library.duplicate', `行业 ${echo(s.id)} 重复`, `sector ${echo(s.id)} defined twice`, { file: s.file }))
    sectors.set(s.id, { id: s.id, label: s.label })
  }
  for (const s of sectors.keys()) {
    const parent = s.includes('.') ? s.slice(0, s.lastIndexOf('.')) : undefined
    if (parent && !sectors.has(parent))
      issues.push(issue('library.sector-parent', `行业 ${echo(s)} 的上级 ${echo(parent)} 未定义`, `sector ${echo(s)} has no parent ${echo(parent)}`))
  }

  const technologies = new Map<string, ResolvedTechnology>()
  for (const { spec, file, index } of techs) {
    const path = ['technologies', index]
    if (technologies.has(spec.id))
      issues.push(issue('library.duplicate', `技术 ${echo(spec.id)} 重复`, `technology ${echo(spec.id)} defined twice`, { file, path }))
    if (!sectors.has(spec.sector))
      issues.push(
        issue(
          'library.unknown-sector',
          `技术 ${echo(spec.id)} 的行业 ${echo(spec.sector)} 未定义`,
          `technology ${echo(spec.id)}: unknown sector ${echo(spec.sector)}`,
          {
            file,
            path: [...path, 'sector'],
          },
        ),
      )
    const act = units.check(spec.activity_unit)
    if (act) issues.push(unitProblemIssue(act, { file, path: [...path, 'activity_unit'] }, `technology ${spec.id}`))
    const ef = new Float64Array(POLLUTANTS.length)
    const efSpec: (QuantitySpec | undefined)[] = []
    POLLUTANTS.forEach((p, k) => {
      const q = spec.ef[p]
      efSpec.push(q)
      if (!q) return
      const f = units.productFactor(q.unit, spec.activity_unit, MASS_T)
      if (isProblem(f)) issues.push(unitProblemIssue(f, { file, path: [...path, 'ef', p, 'unit'] }, `technology ${spec.id} ${p} EF`))
      else if (q.value < 0)
        issues.push(
          issue('library.negative', `技术 ${echo(spec.id)} 的 ${p} 排放因子为负`, `technology ${echo(spec.id)}: negative ${p} EF`, {
            file,
            path: [...path, 'ef', p],
          }),
        )
      else ef[k] = q.value * f
    })
    const useful = spec.useful_output
    if (useful) {
      const u = useful.unit === '1' ? undefined : units.check(useful.unit)
      if (u) issues.push(unitProblemIssue(u, { file, path: [...path, 'useful_output', 'unit'] }, `technology ${spec.id} useful output`))
      if (!(useful.value > 0))
        issues.push(
          issue('library.useful', `技术 ${echo(spec.id)} 的有效产出须为正数`, `technology ${echo(spec.id)}: useful output must be positive`, {
            file,
            path: [...path, 'useful_output', 'value'],
          }),
        )
    }
    technologies.set(spec.id, {
      id: spec.id,
      label: spec.label,
      sector: spec.sector,
      activityUnit: spec.activity_unit,
      ef,
      efSpec,
      ...(useful ? { useful: { value: useful.value, unit: useful.unit } } : {}),
      spec,
    })
  }

  const resolvedTemplates = new Map<string, ResolvedTemplate>()
  for (const { spec, file, index, list } of templates) {
    const path = [list ?? 'measures', index]
    if (resolvedTemplates.has(spec.id))
      issues.push(issue('library.duplicate', `措施模板 ${echo(spec.id)} 重复`, `measure template ${echo(spec.id)} defined twice`, { file, path }))
    const sel = compileExpression(spec.applies_to, { file, path: [...path, 'applies_to'] })
    if (!sel.ok) {
      issues.push(sel.issue)
      continue
    }
    for (const [name, def] of Object.entries(spec.params)) {
      // A parameter's unit is "1" (a fraction) or a unit of the grammar; it documents the number, so check it.
      if (def.unit.trim() === '1') continue
      const u = units.check(def.unit)
      if (u) issues.push(unitProblemIssue(u, { file, path: [...path, 'params', name, 'unit'] }, `template ${spec.id} parameter ${name}`))
    }
    if (spec.cost) {
      const per = /^\s*CNY\s*\/(.*)$/.exec(spec.cost.unit)?.[1]
      const u = per === undefined ? undefined : units.check(per.trim())
      if (per === undefined)
        issues.push(
          issue(
            'library.cost-unit',
            `措施模板 ${echo(spec.id)} 的成本单位须写成 CNY/<活动水平单位>`,
            `template ${echo(spec.id)}: a cost unit is written CNY/<activity unit>`,
            {
              file,
              path: [...path, 'cost', 'unit'],
            },
          ),
        )
      else if (u) issues.push(unitProblemIssue(u, { file, path: [...path, 'cost', 'unit'] }, `template ${spec.id} cost`))
    }
    const removal: (CompiledExpr | undefined)[] = POLLUTANTS.map(() => undefined)
    if (spec.kind === 'reduce') {
      POLLUTANTS.forEach((p, k) => {
        const src = spec.removal[p]
        if (src === undefined) return
        const c = compileExpression(src, { file, path: [...path, 'removal', p] })
        if (!c.ok) return issues.push(c.issue)
        for (const s of c.expr.symbols)
          if (!hasOwn(spec.params, s))
            issues.push(
              issue('library.removal-symbol', `去除率表达式引用了未定义的参数 ${echo(s)}`, `removal expression uses undefined parameter ${echo(s)}`, {
                file,
                path: [...path, 'removal', p],
              }),
            )
        removal[k] = c.expr
      })
    }
    if ((spec.kind === 'switch' || spec.kind === 'share') && !technologies.has(spec.to))
      issues.push(
        issue(
          'library.unknown-technology',
          `措施模板 ${echo(spec.id)} 的目标技术 ${echo(spec.to)} 未定义`,
          `measure template ${echo(spec.id)}: unknown target technology ${echo(spec.to)}`,
          { file, path: [...path, 'to'] },
        ),
      )
    for (const [k, sec] of (spec.cost?.sectors ?? []).entries())
      if (!sectors.has(sec))
        issues.push(
          issue(
            'library.unknown-sector',
            `措施模板 "${spec.id}" 的成本行业 "${sec}" 未定义`,
            `measure template "${spec.id}": cost sector "${sec}" is not defined`,
            {
              file,
              path: [...path, 'cost', 'sectors', k],
            },
          ),
        )
    if (spec.kind === 'share' && !('s0' in spec.params && 's1' in spec.params))
      issues.push(
        issue('library.share-params', `份额类措施 ${echo(spec.id)} 须有参数 s0 与 s1`, `share template ${echo(spec.id)} needs parameters s0 and s1`, {
          file,
          path: [...path, 'params'],
        }),
      )
    resolvedTemplates.set(spec.id, { spec: spec as ResolvedTemplate['spec'], appliesTo: sel.expr, removal })
  }
  if (issues.length > 0) return fail(issues)
  return ok({ units, sectors, technologies, templates: resolvedTemplates, version: lib.version, spec: lib })
}

/** Return a short, stable fingerprint (FNV-1a, 32 bit, hex) of some files' text. */
export function fingerprint(files: readonly TextFile[]): string {
  let h = 0x811c9dc5
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    for (const s of [f.path, f.text]) {
      for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i)
        h = Math.imul(h, 0x01000193) >>> 0
      }
    }
  }
  return h.toString(16).padStart(8, '0')
}

export type { MeasureTemplateSpec }
