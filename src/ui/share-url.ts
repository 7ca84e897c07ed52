import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate'
import type { Scenario } from '../core'

/** The uploaded inventory a shared scenario runs on: always its identity, and its compressed bytes when small enough. */
export interface SharedInventory {
  file: string
  fingerprint: string
  records: number
  /** The file's bytes, deflated and base64url-encoded; absent when over `MAX_SHARED_INVENTORY_BYTES` compressed. */
  data?: string
}

/** What a shared link carries: the seed whose inventory the scenario runs on, the scenario, and an uploaded inventory. */
export interface SharedState {
  seed: string
  scenario: Scenario
  inventory?: SharedInventory
}

/** An uploaded inventory travels in a link only up to this compressed size (a link stays usable in mail and chat). */
export const MAX_SHARED_INVENTORY_BYTES = 100 * 1024

/** Describe an uploaded inventory for a link: its bytes go in when they compress to at most the limit. */
export function sharedInventory(u: { file: string; bytes: Uint8Array; fingerprint: string; records: number }): {
  inventory: SharedInventory
  compressed: number
  included: boolean
} {
  const z = deflateSync(u.bytes, { level: 9 })
  const included = z.length <= MAX_SHARED_INVENTORY_BYTES
  return {
    inventory: { file: u.file, fingerprint: u.fingerprint, records: u.records, ...(included ? { data: toBase64Url(z) } : {}) },
    compressed: z.length,
    included,
  }
}

/** Return the bytes of an inventory carried by a link, or undefined when the link has only its fingerprint (or bad data). */
export function sharedInventoryBytes(inv: SharedInventory): Uint8Array | undefined {
  if (!inv.data) return undefined
  try {
    return inflateSync(fromBase64Url(inv.data))
  } catch {
    return undefined
  }
}

/** Encode bytes as base64url without padding (RFC 4648 §5), safe in a URL hash. */
export function toBase64Url(bytes: Uint8Array): string {
  let bin = ''
  // Chunked so that String.fromCharCode never gets too many arguments.
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Decode base64url (with or without padding) to bytes. */
export function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/')
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4))
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

/** Compress a shared state into the `s=` hash parameter value. */
export function encodeShared(state: SharedState): string {
  return toBase64Url(deflateSync(strToU8(JSON.stringify({ v: 1, ...state })), { level: 9 }))
}

/** Decode a `s=` value; return undefined for anything that is not a shared Lantian state. */
export function decodeShared(value: string): SharedState | undefined {
  try {
    const data = JSON.parse(strFromU8(inflateSync(fromBase64Url(value)))) as { v?: unknown; seed?: unknown; scenario?: unknown; inventory?: unknown }
    if (data.v !== 1 || typeof data.seed !== 'string' || typeof data.scenario !== 'object' || data.scenario === null) return undefined
    // The worker validates the scenario and the inventory itself before using them; a stranger's link cannot inject code.
    const inv = data.inventory as Partial<SharedInventory> | undefined
    const inventory =
      inv && typeof inv.file === 'string' && typeof inv.fingerprint === 'string' && typeof inv.records === 'number'
        ? { file: inv.file, fingerprint: inv.fingerprint, records: inv.records, ...(typeof inv.data === 'string' ? { data: inv.data } : {}) }
        : undefined
    return { seed: data.seed, scenario: data.scenario as Scenario, ...(inventory ? { inventory } : {}) }
  } catch {
    return undefined
  }
}

/** Return the shared state in a location hash like `#s=…`, if any. */
export function sharedFromHash(hash: string): SharedState | undefined {
  const m = /(?:^#|&)s=([A-Za-z0-9_-]+)/.exec(hash)
  return m?.[1] ? decodeShared(m[1]) : undefined
}

/** Build a shareable URL for a state on top of a base URL (its hash replaced). */
export function shareUrl(base: string, state: SharedState): string {
  const u = new URL(base)
  u.hash = `s=${encodeShared(state)}`
  return u.toString()
}
