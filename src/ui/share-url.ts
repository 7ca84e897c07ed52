import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate'
import type { Scenario } from '../core'

/** What a shared link carries: the seed whose inventory the scenario runs on, and the scenario itself. */
export interface SharedState {
  seed: string
  scenario: Scenario
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
    const data = JSON.parse(strFromU8(inflateSync(fromBase64Url(value)))) as { v?: unknown; seed?: unknown; scenario?: unknown }
    if (data.v !== 1 || typeof data.seed !== 'string' || typeof data.scenario !== 'object' || data.scenario === null) return undefined
    // The worker validates the scenario itself before running it; a stranger's link cannot inject code.
    return { seed: data.seed, scenario: data.scenario as Scenario }
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
