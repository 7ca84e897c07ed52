import { readFileSync } from 'node:fs'
import Papa from 'papaparse'

/**
 * Build a deterministic inventory of `n` records that fits a seed's scenario: the seed's records repeated with new
 * ids (`<id>-<k>`) and activity (and observed emissions, so each record keeps its own EF) scaled by a factor in
 * [0.5, 1.5) from a fixed integer hash. Every attribute a scope reads is copied, so every measure still selects.
 */
export function bigInventory(seedCsv: string, n: number): { csv: string; records: number } {
  const text = readFileSync(seedCsv, 'utf8')
  const lines = text.split(/\r?\n/)
  const comments = lines.filter((l) => l.startsWith('#') && !/^#\s*name:/.test(l))
  const body = lines.filter((l) => !l.startsWith('#') && l.trim() !== '').join('\n')
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: true })
  const [head, ...rows] = parsed.data
  if (!head || rows.length === 0) throw new Error(`bench: ${seedCsv} has no records`)
  const col = (name: string) => head.indexOf(name)
  const id = col('id')
  const scaled = ['activity', 'nox_t', 'vocs_t'].map(col).filter((j) => j >= 0)
  const out: string[][] = []
  for (let k = 0; out.length < n; k++)
    for (let i = 0; i < rows.length && out.length < n; i++) {
      const r = [...(rows[i] as string[])]
      // Knuth's multiplicative hash of (k, i): the same file on every run and machine.
      const f = 0.5 + (((k * 2654435761 + i * 40503) >>> 0) % 1000) / 1000
      r[id] = `${r[id]}-${k}`
      for (const j of scaled) if (r[j] !== '' && r[j] !== undefined) r[j] = String(Number(r[j]) * f)
      out.push(r)
    }
  const csv = [...comments, `# name: ${n} records generated from ${seedCsv} for npm run bench:browser (illustrative)`, Papa.unparse([head, ...out])].join('\n')
  return { csv: `${csv}\n`, records: out.length }
}
