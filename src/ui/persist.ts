import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import { ScenarioSchema, type Scenario } from '../core'
import type { Lang } from './i18n'

/** Which plan was on screen, in which language. */
export interface CurrentPointer {
  seed: string
  lang: Lang
  savedAt: string
}

/** What a reload restores: the pointer, every plan's last edited scenario, and entries that could not be read. */
export interface SavedState {
  current?: CurrentPointer
  scenarios: Map<string, Scenario>
  /** Plans whose saved entry was unreadable; each was moved aside under a `corrupt:` key, not deleted. */
  corrupt: string[]
}

interface LantianDb extends DBSchema {
  state: { key: string; value: unknown }
}

const CURRENT = 'current'
const scenarioKey = (seed: string) => `scenario:${seed}`
let db: Promise<IDBPDatabase<LantianDb>> | undefined

function open(): Promise<IDBPDatabase<LantianDb>> {
  db ??= openDB<LantianDb>('lantian', 1, {
    upgrade(d) {
      d.createObjectStore('state')
    },
  })
  return db
}

/** Save the current plan's scenario (one entry per plan) and the pointer; failures are logged, never thrown. */
export async function saveState(s: { seed: string; scenario: Scenario; lang: Lang }): Promise<void> {
  try {
    const d = await open()
    const savedAt = new Date().toISOString()
    const tx = d.transaction('state', 'readwrite')
    await Promise.all([
      tx.store.put({ seed: s.seed, scenario: s.scenario, savedAt }, scenarioKey(s.seed)),
      tx.store.put({ seed: s.seed, lang: s.lang, savedAt }, CURRENT),
      tx.done,
    ])
  } catch (e) {
    console.warn('autosave failed', e)
  }
}

/**
 * Load every saved plan. Each entry is validated with the scenario schema; an unreadable one is moved aside and
 * reported, and every other plan is still restored. (A first-version entry under `current` with its scenario is read
 * too.)
 */
export async function loadState(): Promise<SavedState> {
  const out: SavedState = { scenarios: new Map(), corrupt: [] }
  try {
    const d = await open()
    const keys = (await d.getAllKeys('state')).map(String)
    for (const key of keys) {
      if (key !== CURRENT && !key.startsWith('scenario:')) continue
      const value = (await d.get('state', key)) as { seed?: unknown; lang?: unknown; scenario?: unknown; savedAt?: unknown } | undefined
      const seed = typeof value?.seed === 'string' ? value.seed : key.slice('scenario:'.length)
      if (key === CURRENT) {
        if (typeof value?.seed === 'string' && (value.lang === 'zh' || value.lang === 'en'))
          out.current = { seed: value.seed, lang: value.lang, savedAt: String(value.savedAt ?? '') }
        if (value?.scenario === undefined) continue
      }
      const parsed = ScenarioSchema.safeParse(value?.scenario)
      if (parsed.success) {
        if (!out.scenarios.has(seed) || key !== CURRENT) out.scenarios.set(seed, parsed.data)
      } else {
        out.corrupt.push(seed)
        // Keep the unreadable bytes for whoever wants to recover them; only its slot is freed.
        await d.put('state', value, `corrupt:${key}:${Date.now()}`)
        if (key !== CURRENT) await d.delete('state', key)
      }
    }
  } catch (e) {
    console.warn('restore failed', e)
  }
  return out
}
