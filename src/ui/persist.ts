import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { Scenario } from '../core'
import type { Lang } from './i18n'

/** What is autosaved: enough to restore the screen exactly after a reload. */
export interface SavedState {
  seed: string
  scenario: Scenario
  lang: Lang
  savedAt: string
}

interface LantianDb extends DBSchema {
  state: { key: string; value: SavedState }
}

const KEY = 'current'
let db: Promise<IDBPDatabase<LantianDb>> | undefined

function open(): Promise<IDBPDatabase<LantianDb>> {
  db ??= openDB<LantianDb>('lantian', 1, {
    upgrade(d) {
      d.createObjectStore('state')
    },
  })
  return db
}

/** Save the current state to IndexedDB; failures (private mode, quota) are logged, never thrown. */
export async function saveState(s: Omit<SavedState, 'savedAt'>): Promise<void> {
  try {
    await (await open()).put('state', { ...s, savedAt: new Date().toISOString() }, KEY)
  } catch (e) {
    console.warn('autosave failed', e)
  }
}

/** Load the autosaved state, if there is one. */
export async function loadState(): Promise<SavedState | undefined> {
  try {
    return await (await open()).get('state', KEY)
  } catch (e) {
    console.warn('restore failed', e)
    return undefined
  }
}
