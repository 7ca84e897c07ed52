import 'fake-indexeddb/auto'
import { openDB } from 'idb'
import { describe, expect, it } from 'vitest'
import { clearInventory, loadState, saveInventory, setInventoryAside } from '../../src/ui/persist'
import { decodeShared, encodeShared, MAX_SHARED_INVENTORY_BYTES, sharedInventory, sharedInventoryBytes } from '../../src/ui/share-url'
import type { Scenario } from '../../src/core'

const bytes = (n: number, seed = 1) => {
  const b = new Uint8Array(n)
  let x = seed
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0
    b[i] = x >>> 24
  }
  return b
}

describe('uploaded inventory in IndexedDB', () => {
  it('saves the bytes and file name per plan with a revision, restores them, and forgets them on request', async () => {
    const b = new TextEncoder().encode('# format: lantian-inventory/1\n# year: 2022\nid,region\n')
    expect(await saveInventory({ seed: 'xiping', file: 'mine.xlsx', bytes: b, fingerprint: 'f1' })).toBe('saved')
    expect(await saveInventory({ seed: 'xiping', file: 'mine2.csv', bytes: b, fingerprint: 'f2' })).toBe('saved')
    await saveInventory({ seed: 'weidu', file: 'w.csv', bytes: b, fingerprint: 'f3' })
    const s = await loadState()
    expect(s.inventories.get('xiping')).toMatchObject({ file: 'mine2.csv', fingerprint: 'f2', rev: 2 })
    expect(Array.from(s.inventories.get('xiping')?.bytes ?? [])).toEqual(Array.from(b))
    expect(s.inventories.get('weidu')?.file).toBe('w.csv')
    await clearInventory('xiping')
    expect((await loadState()).inventories.has('xiping')).toBe(false)
  })

  it('sets an unreadable entry aside (not deleted) and still restores the others', async () => {
    const d = await openDB('lantian', 1)
    await d.put('state', { file: 42, bytes: 'not bytes' }, 'inventory:nanyang')
    const s = await loadState()
    expect(s.corrupt).toContain('nanyang (inventory)')
    expect(s.inventories.has('nanyang')).toBe(false)
    expect(s.inventories.get('weidu')?.file).toBe('w.csv')
    const keys = (await d.getAllKeys('state')).map(String)
    expect(keys.some((k) => k.startsWith('corrupt:inventory:nanyang:'))).toBe(true)
    expect(keys).not.toContain('inventory:nanyang')
    d.close()
  })
})

describe('an upload set aside for a link made on the plan inventory', () => {
  it('is no longer restored but is kept under an aside: key', async () => {
    await saveInventory({ seed: 'xinzhou', file: 'x.csv', bytes: new Uint8Array([1, 2, 3]), fingerprint: 'f' })
    await setInventoryAside('xinzhou')
    expect((await loadState()).inventories.has('xinzhou')).toBe(false)
    const d = await openDB('lantian', 1)
    const keys = (await d.getAllKeys('state')).map(String)
    const aside = keys.find((k) => k.startsWith('aside:inventory:xinzhou:'))
    expect(aside).toBeDefined()
    expect(await d.get('state', aside ?? '')).toMatchObject({ file: 'x.csv' })
    d.close()
  })
})

describe('uploaded inventory in a share link', () => {
  const scenario = { id: 'x' } as unknown as Scenario
  it('carries a small inventory and gets the same bytes back', () => {
    const b = new TextEncoder().encode('id,region\n'.repeat(1000))
    const s = sharedInventory({ file: 'a.csv', bytes: b, fingerprint: 'fp', records: 999 })
    expect(s.included).toBe(true)
    const back = decodeShared(encodeShared({ seed: 'xiping', scenario, inventory: s.inventory }))
    expect(back?.inventory).toMatchObject({ file: 'a.csv', fingerprint: 'fp', records: 999 })
    expect(Array.from(sharedInventoryBytes(back?.inventory ?? { file: '', fingerprint: '', records: 0 }) ?? [])).toEqual(Array.from(b))
  })

  it('carries only the fingerprint of an inventory over the limit compressed', () => {
    const s = sharedInventory({ file: 'big.xlsx', bytes: bytes(MAX_SHARED_INVENTORY_BYTES + 1000), fingerprint: 'fp2', records: 5 })
    expect(s.included).toBe(false)
    expect(s.compressed).toBeGreaterThan(MAX_SHARED_INVENTORY_BYTES)
    const back = decodeShared(encodeShared({ seed: 'xiping', scenario, inventory: s.inventory }))
    expect(back?.inventory).toEqual({ file: 'big.xlsx', fingerprint: 'fp2', records: 5 })
    expect(sharedInventoryBytes(back?.inventory ?? { file: '', fingerprint: '', records: 0 })).toBeUndefined()
  })

  it('reads links made before inventories travelled (no inventory field)', () => {
    expect(decodeShared(encodeShared({ seed: 'xiping', scenario }))).toEqual({ seed: 'xiping', scenario })
  })
})
