// Tell whether the built CLI (dist-cli/) is older than what it is built from. Plain JavaScript, so that
// bin/lantian.mjs can ask before anything else is loaded; the unit tests' set-up asks it before rebuilding.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** What the built CLI is made of: every file under these folders, and these files (relative to the project). */
export const CLI_SOURCES = { dirs: ['src/core', 'src/cli', 'src/xlsx', 'models'], files: ['package.json', 'vite.cli.config.ts', 'scripts/library-plugin.ts'] }

/**
 * Return the first source file (relative path) changed after the built CLI's entry `built` was written, or
 * undefined when the build is current; `null` when there is no build at all.
 * @param {string} root the project folder
 * @param {string} built the built entry, relative to root
 * @returns {string | null | undefined}
 */
export function staleSource(root, built = 'dist-cli/lantian.mjs') {
  let builtAt
  try {
    builtAt = statSync(join(root, built)).mtimeMs
  } catch {
    return null
  }
  const newer = (rel) => {
    try {
      return statSync(join(root, rel)).mtimeMs > builtAt
    } catch {
      return false
    }
  }
  for (const f of CLI_SOURCES.files) if (newer(f)) return f
  const walk = (rel) => {
    let entries
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true })
    } catch {
      return undefined
    }
    for (const e of entries) {
      const p = `${rel}/${e.name}`
      const hit = e.isDirectory() ? walk(p) : newer(p) ? p : undefined
      if (hit) return hit
    }
    return undefined
  }
  for (const d of CLI_SOURCES.dirs) {
    const hit = walk(d)
    if (hit) return hit
  }
  return undefined
}
