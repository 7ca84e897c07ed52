import {
  buildLibrary,
  fingerprint,
  layerLibrary,
  readLibraryParts,
  readLibrarySpec,
  type Library,
  type LibraryLayer,
  type LibrarySpec,
  type Result,
} from '../core'
import { bundledLibrarySpec, bundledUnitAnswers } from './bundled'
import { readLibraryFiles } from './files'

/** Which model library a command runs on: `--library DIR` (default: the bundled one) and `--models DIR|FILE`… over it. */
export interface LibraryChoice {
  library?: string | undefined
  models?: readonly string[] | undefined
}

/** The options every command that reads a library takes. */
export const LIBRARY_OPTIONS = {
  library: { type: 'string' },
  models: { type: 'string', multiple: true },
} as const

/** The lines of `--help` that describe them. */
export const LIBRARY_HELP = `  --models DIR|FILE add to or replace entries of the model library (repeatable; YAML/JSON model files)
  --library DIR     use the complete model library in DIR instead of the bundled one`

const made = new Map<string, Result<Library>>()

/**
 * Return the library of a choice, built once per process: the base (the bundled library, pre-parsed in the built
 * CLI, or `--library DIR`) with each `--models` directory or file laid over it in order (`layerLibrary`: entries
 * added or replacing the base's with a warning; an id two overlays define is an error naming both). The warnings
 * travel in the library (`spec.warnings`), so that every run on it reports them.
 */
export function readCliLibrary(choice: LibraryChoice = {}): Result<Library> {
  const key = JSON.stringify([choice.library ?? null, choice.models ?? []])
  let lib = made.get(key)
  if (!lib) {
    lib = build(choice)
    made.set(key, lib)
  }
  return lib
}

function build(choice: LibraryChoice): Result<Library> {
  let base: Result<LibrarySpec>
  if (choice.library === undefined) base = bundledLibrarySpec()
  else {
    const files = readLibraryFiles(choice.library)
    base = files.ok ? readLibrarySpec(files.value) : files
  }
  if (!base.ok) return base
  const layers: LibraryLayer[] = []
  for (const source of choice.models ?? []) {
    const files = readLibraryFiles(source)
    if (!files.ok) return files
    const parts = readLibraryParts(files.value)
    if (!parts.ok) return parts
    layers.push({ source, version: fingerprint(files.value), files: files.value.map((f) => f.path), parts: parts.value })
  }
  const spec = layerLibrary(base.value, layers)
  if (!spec.ok) return spec
  // Unit answers hold for the bundled units only; the unit system ignores them when an overlay changed the units.
  const unitAnswers = choice.library === undefined ? bundledUnitAnswers() : undefined
  return buildLibrary(spec.value, unitAnswers ? { unitAnswers } : {})
}
