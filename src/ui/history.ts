/** Undo/redo history of scenario edits; consecutive edits of the same control within `mergeMs` form one step. */
export interface History<T> {
  past: T[]
  present: T
  future: T[]
  lastKey?: string
  lastAt?: number
}

const LIMIT = 200

/** Start a history at a value. */
export function initHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] }
}

/** Record an edit; a slider drag (same key, quick succession) replaces the present instead of piling up steps. */
export function edit<T>(h: History<T>, next: T, key: string, now: number, mergeMs = 1000): History<T> {
  const merge = key === h.lastKey && h.lastAt !== undefined && now - h.lastAt < mergeMs
  const past = merge ? h.past : [...h.past, h.present].slice(-LIMIT)
  return { past, present: next, future: [], lastKey: key, lastAt: now }
}

/** Step back one edit, if any. */
export function undo<T>(h: History<T>): History<T> {
  const prev = h.past[h.past.length - 1]
  if (prev === undefined) return h
  return { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future] }
}

/** Step forward one undone edit, if any. */
export function redo<T>(h: History<T>): History<T> {
  const [next, ...rest] = h.future
  if (next === undefined) return h
  return { past: [...h.past, h.present], present: next, future: rest }
}
