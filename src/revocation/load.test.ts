import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { revocationHashes } from './hashes.ts'
import { createRevocationList } from './list.ts'
import { loadRevocationList, loadRevocationLists } from './load.ts'

const certificate = { uvci: 'URN:UVCI:01:XX:0123456789ABCDEF#Q', country: 'XX', signature: new Uint8Array(64).fill(5) }
let dir: string
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'certbridge-revocation-'))))
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('revocation lists from configuration', () => {
  it('loads a file, names it, and merges it with our own list', async () => {
    const hashes = await revocationHashes(certificate)
    const path = join(dir, 'peer.json')
    writeFileSync(path, JSON.stringify({ hashes: { SIGNATURE: [hashes.signature] } }))
    const one = await loadRevocationList(`peer=${path}`)
    expect(one.sources).toEqual(['peer'])
    expect(await one.match(certificate)).toBe('SIGNATURE')

    const own = createRevocationList({ UCI: [] }, ['certbridge'])
    const all = await loadRevocationLists([path], { include: [own] })
    expect(all.sources).toEqual(['certbridge', 'peer.json'])
    expect(await all.match(certificate)).toBe('SIGNATURE')
  })

  it('fails with stable codes', async () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ something: 1 }))
    await expect(loadRevocationList(join(dir, 'bad.json'))).rejects.toMatchObject({ code: 'REVOCATION_LIST_INVALID' })
    writeFileSync(join(dir, 'broken.json'), '{ not json')
    await expect(loadRevocationList(join(dir, 'broken.json'))).rejects.toMatchObject({ code: 'REVOCATION_LIST_INVALID' })
    await expect(loadRevocationList(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'REVOCATION_LIST_UNAVAILABLE' })
  })
})
