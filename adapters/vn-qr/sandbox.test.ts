import { describe, expect, it } from 'vitest'
import { createSandbox, SANDBOX_TOKEN } from './sandbox.ts'
import { parseVnQr } from './qr.ts'
import { recordAnswer } from './wire.ts'
import { statusForCode } from '../../src/http/status.ts'

const sandbox = createSandbox({ today: '2024-05-10' })
const base = 'http://sandbox.test'

describe('vn-qr sandbox', () => {
  it('serves the record source by QID, only with the bearer token', async () => {
    const url = `${base}/record-source/v1/records/162979388586171100`
    expect((await sandbox.fetch(new Request(url))).status).toBe(401)
    const res = await sandbox.fetch(new Request(url, { headers: { authorization: `Bearer ${SANDBOX_TOKEN}` } }))
    expect(res.status).toBe(200)
    expect(recordAnswer.parse(await res.json())).toMatchObject({
      qid: '162979388586171100',
      holder: { familyName: 'Nguyễn', givenName: 'Văn A' },
    })
    const none = await sandbox.fetch(
      new Request(`${base}/record-source/v1/records/162979388586179999`, { headers: { authorization: `Bearer ${SANDBOX_TOKEN}` } }),
    )
    expect(none.status).toBe(404)
  })

  it('points the adapter at itself', () => {
    expect(sandbox.config('http://127.0.0.1:4321')).toEqual({
      RECORD_SOURCE_URL: 'http://127.0.0.1:4321/record-source',
      RECORD_SOURCE_TOKEN: SANDBOX_TOKEN,
    })
  })

  it('samples are valid QR texts (but the malformed one) and follow the status table', () => {
    const samples = sandbox.samples()
    for (const s of samples) {
      if (s.expect.code === 'LINK_MALFORMED') expect(() => parseVnQr(s.qr)).toThrow()
      else expect(parseVnQr(s.qr), s.name).not.toBeNull()
      expect(s.expect.status).toBe(s.expect.code ? statusForCode(s.expect.code) : 201)
    }
    const issued = samples.filter((s) => s.expect.status === 201)
    expect(issued.map((s) => s.expect.type)).toContain('recovery')
    expect(issued.map((s) => s.expect.type)).toContain('test')
    expect(samples.map((s) => s.expect.code)).toEqual(
      expect.arrayContaining(['PRODUCT_UNMAPPED', 'RECORD_EXPIRED', 'RECORD_REVOKED', 'RECORD_INCONSISTENT', 'NO_MATCHING_CERTIFICATE']),
    )
    expect(samples.find((s) => s.name.includes('on-behalf QR claimed'))?.expect).toEqual({ status: 404, code: 'NO_MATCHING_CERTIFICATE' })
  })
})
