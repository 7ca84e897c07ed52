import type { TextFile } from '../core'

// Vite inlines every model file at build time, so the static site needs no server and no fetch.
const raw = import.meta.glob('/models/**/*.{yaml,yml,json}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>

/** Return the model library files bundled into the app, with paths as the CLI names them (`models/…`). */
export function bundledModels(): TextFile[] {
  return Object.entries(raw)
    .map(([path, text]) => ({ path: path.replace(/^\//, ''), text }))
    .sort((a, b) => (a.path < b.path ? -1 : 1))
}
