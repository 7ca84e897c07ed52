import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import type { TextFile } from '../core'

/**
 * Read the model library files under `root/models` (YAML and JSON), named `models/…` whatever the working
 * directory, so that the library's fingerprint (`version`) is the same for the app's build, the built CLI and the
 * CLI run from source.
 */
export function readModelFiles(root: string): TextFile[] {
  const out: TextFile[] = []
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue
      const p = join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (/\.(ya?ml|json)$/.test(e.name)) out.push({ path: relative(root, p).split(sep).join('/'), text: readFileSync(p, 'utf8') })
    }
  }
  walk(join(root, 'models'))
  return out.sort((a, b) => (a.path < b.path ? -1 : 1))
}
