import type { LibrarySpec } from '../core'
// The model library (models/*.yaml), parsed and schema-checked at build time by scripts/library-plugin.ts: the
// worker starts without a YAML parse or a zod pass, and `buildLibrary` still runs every cross-check at start.
import spec from 'virtual:lantian-library'

/** Return the model library bundled into the app, as `readLibrarySpec` read it from `models/` at build time. */
export function bundledLibrary(): LibrarySpec {
  return spec
}
