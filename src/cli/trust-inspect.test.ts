import { beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { testdataPath } from '../../test/shared.ts'
import { run, type InspectIo } from './trust-inspect.ts'

const list = (path: string) => testdataPath('gdhcn', 'tng-cdn-dev', 'v2', path, 'did.json')
const who = testdataPath('gdhcn', 'who-signing-dev', 'did.json')
let out: string[]
let err: string[]
const io: InspectIo = { out: (l) => out.push(l), err: (l) => err.push(l) }
beforeEach(() => {
  out = []
  err = []
})

describe('certbridge trust inspect', () => {
  it('--json prints exactly one object with the proof, keys by country, skips and chains', async () => {
    expect(await run([list('trustlist/-/XXA'), '--signer', who, '--json'], io)).toBe(0)
    expect(out).toHaveLength(1)
    expect(JSON.parse(out[0]!)).toEqual({
      format: 'did',
      signature: 'valid',
      keys: 1,
      byCountry: { XA: 1 },
      skipped: { 'not-dsc': 3, 'other-domain': 3 },
      chains: { valid: 1, invalid: 0 },
    })
  })

  it('reads the all-DSC DEV list: 25 usable DCC keys, the broken chains counted', async () => {
    expect(await run([list('trustlist/-/-/DSC'), '--signer', who, '--json'], io)).toBe(0)
    const result = JSON.parse(out[0]!)
    expect(result).toMatchObject({
      signature: 'valid',
      keys: 25,
      chains: { valid: 27, invalid: 11 },
      skipped: { 'unusable-key': 2, 'chain-no-issuer': 9 },
    })
    expect(Object.values(result.byCountry as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(25)
  })

  it('exits 1 when the signature is invalid, and when a signer is given but the list has no proof', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certbridge-inspect-'))
    const text = readFileSync(list('trustlist/-/XXA/DSC'), 'utf8')
    writeFileSync(join(dir, 'changed.json'), text.replace('"#XXA"', '"#XXB"'))
    expect(await run([join(dir, 'changed.json'), '--signer', who, '--json'], io)).toBe(1)
    expect(JSON.parse(out[0]!)).toMatchObject({ signature: 'invalid' })
    const { proof: _proof, ...bare } = JSON.parse(text)
    writeFileSync(join(dir, 'bare.json'), JSON.stringify(bare))
    out = []
    expect(await run([join(dir, 'bare.json'), '--signer', who], io)).toBe(1)
    expect(out.join('\n')).toMatch(/signature\s+absent \(.*no proof\)/)
    out = []
    expect(await run([join(dir, 'bare.json')], io)).toBe(0)
  })

  it('reads the older formats too, with signature absent', async () => {
    expect(await run([testdataPath('trustlists', 'trustlist_ch.json'), '--json'], io)).toBe(0)
    expect(JSON.parse(out[0]!)).toMatchObject({ format: 'ch', signature: 'absent', chains: { valid: 0, invalid: 0 } })
  })

  it('answers usage errors and unreadable lists with 2 and a one-line message', async () => {
    expect(await run([], io)).toBe(2)
    expect(await run(['/nonexistent/list.json'], io)).toBe(2)
    expect(err.at(-1)).toMatch(/^trust inspect: .*cannot be read.*\(TRUST_LIST_UNAVAILABLE\)$/)
    expect(await run([list('trustlist/-/XXA'), '--signer', testdataPath('trustlists', 'trustlist_ch.json')], io)).toBe(2)
    expect(err.at(-1)).toMatch(/TRUST_LIST_SIGNER_INVALID/)
  })
})
