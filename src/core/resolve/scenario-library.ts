import { ok, type Result } from '../issues'
import type { Scenario } from '../schema'
import { buildLibrary, fingerprint, type Library } from './library'
import { layerLibrary } from './library-overlay'

// The last library made per base library: a slider step re-resolves the same scenario with the same entries.
const made = new WeakMap<Library, { key: string; result: Result<Library> }>()

/**
 * Return the library a scenario runs on: `lib` itself, or, when the scenario carries its own `technologies` and
 * `templates` (the schemas of the model files), `lib` with them laid over it (`layerLibrary`: a bundled entry
 * replaced with a warning naming both files, an id another overlay defines refused). The units are `lib`'s, so
 * its unit system is reused. The same entries give the same library object back.
 */
export function libraryForScenario(lib: Library, scenario: Scenario, file = 'scenario'): Result<Library> {
  const technologies = scenario.technologies ?? []
  const templates = scenario.templates ?? []
  if (technologies.length === 0 && templates.length === 0) return ok(lib)
  const text = JSON.stringify([technologies, templates])
  const key = `${file}\u0000${text}`
  const hit = made.get(lib)
  if (hit?.key === key) return hit.result
  const spec = layerLibrary(lib.spec, [
    {
      source: file,
      version: fingerprint([{ path: file, text }]),
      files: [file],
      parts: {
        units: [],
        sectors: [],
        technologies: technologies.map((spec, index) => ({ spec, file, index })),
        measures: templates.map((spec, index) => ({ spec, file, index, list: 'templates' })),
      },
    },
  ])
  let result: Result<Library>
  if (!spec.ok) result = spec
  else {
    const built = buildLibrary(spec.value, { units: lib.units })
    result = built.ok ? ok(built.value, spec.warnings) : built
  }
  made.set(lib, { key, result })
  return result
}
