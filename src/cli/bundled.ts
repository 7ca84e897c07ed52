// What the built CLI has built in, read from the project's files when the CLI runs from source (`npm run cli`).
// The build (vite.cli.config.ts) replaces this module with bundled.built.ts, which holds the same data made at
// build time; both give the same library, fingerprint included.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { readLibrarySpec, type LibrarySpec, type Result, type UnitAnswers } from '../core'
import { readModelFiles } from './model-files'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** The app's version, from package.json. */
export const APP_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version

let spec: Result<LibrarySpec> | undefined

/** Return the model library shipped with Lantian (`models/`), parsed and schema-checked (read once per process). */
export function bundledLibrarySpec(): Result<LibrarySpec> {
  spec ??= readLibrarySpec(readModelFiles(ROOT))
  return spec
}

/** Return recorded unit conversions for the bundled library: none from source (mathjs answers as it is asked). */
export function bundledUnitAnswers(): UnitAnswers | undefined {
  return undefined
}

/** Return the URL of a Monte Carlo draw thread's entry (from source, a bootstrap that registers tsx). */
export function drawThreadUrl(): URL {
  return new URL('./draw-thread-boot.mjs', import.meta.url)
}
