// The built CLI's counterpart of bundled.ts (vite.cli.config.ts puts it in bundled.ts's place): the model library as
// scripts/library-plugin.ts parsed it at build time with its unit answers, the version from package.json, the bundled draw thread's file name.
import { ok, type LibrarySpec, type Result, type UnitAnswers } from '../core'
import spec from 'virtual:lantian-library'
import units from 'virtual:lantian-unit-answers'

/** The app's version, from package.json at build time. */
export const APP_VERSION: string = __APP_VERSION__

/** Return the model library shipped with Lantian, parsed and schema-checked when the CLI was built. */
export function bundledLibrarySpec(): Result<LibrarySpec> {
  return ok(spec)
}

/** Return the bundled library's unit conversions, recorded at build time (a run then rarely needs mathjs's units). */
export function bundledUnitAnswers(): UnitAnswers | undefined {
  return units
}

/** Return the URL of a Monte Carlo draw thread's entry: the bundled one next to the CLI's own files. */
export function drawThreadUrl(): URL {
  return new URL('./draw-thread.mjs', import.meta.url)
}
