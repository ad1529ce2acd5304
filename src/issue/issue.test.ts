import { describe, expect, it, vi } from 'vitest'
import { createIssuer } from './issue.ts'
import { createKeyedHasher } from './keyed-hash.ts'
import { openNodeDb } from '../runtime/node/database.ts'
import { revokedEntries, findIssuanceByUciHash } from '../db/issuances.ts'
import { createEs256Signer } from '../hcert/index.ts'
import { verifyCertificate } from '../verify/verify.ts'
import { revocationHash } from '../revocation/hashes.ts'
import { AdapterError } from '../../adapters/_sdk/errors.ts'
import type { CountryAdapter } from '../../adapters/_sdk/adapter.ts'
import type { NormalizedRecord } from '../dcc/record.ts'
import { defaultValidityDays } from '../config.ts'

const record: NormalizedRecord = {
  country: 'RU',
  sourceRef: 'test:unrz:9000000000000042',
  holder: {
    identity: { familyName: 'Иванов', givenName: 'Пётр', patronymic: 'Сергеевич', dateOfBirth: '1970-03-04' },
    shown: { name: { form: 'masked', words: ['И*****', 'П***', 'С********'] }, dateOfBirth: '1970-03-04' },
  },
  event: {
    type: 'vaccination',
    product: 'Sputnik-V',
    manufacturer: 'Gamaleya-Research-Institute',
    prophylaxis: 'J07BX03',
    doseNumber: 2,
    totalDoses: 2,
    date: '2021-07-01',
    country: 'RU',
  },
  expiresOn: '2022-07-01',
}
const holder = { familyName: 'Иванов', givenName: 'Петр', patronymic: 'Сергеевич', dateOfBirth: '1970-03-04' }
const adapter = { id: 'test' } as CountryAdapter

export async function setup(
  retrieve: () => Promise<NormalizedRecord>,
  limits = { perClientPerMinute: 100, perRecordPerHour: 100 },
  now = () => new Date('2021-08-01T10:00:00Z'),
) {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey))
  const privateKeyPem = `-----BEGIN PRIVATE KEY-----\n${btoa(String.fromCharCode(...pkcs8))}\n-----END PRIVATE KEY-----`
  const kid = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])
  const db = openNodeDb(':memory:')
  const key = new Uint8Array(32).fill(7)
  const issuer = createIssuer({
    db,
    now,
    config: {
      country: 'XX',
      issuerName: 'Test issuer',
      validityDays: { test: defaultValidityDays },
      rateLimit: limits,
      holderLock: { maxMismatches: 2, maxMismatchesPerRecord: 3, lockMinutes: 60 },
    },
    matchLink: (text) => {
      if (text === 'forged') throw new AdapterError('LINK_FORGED', 'forged')
      return { adapter, link: { kind: 'v2', text } }
    },
    retrieve,
    signingKey: () => ({ signer: createEs256Signer({ privateKeyPem, kid }), kid: 'AQIDBAUGBwg=', notAfter: new Date('2030-01-01') }),
    hasher: await createKeyedHasher(key),
    uvciKey: key,
  })
  const keys = () => [{ kid, publicKey: pair.publicKey, algorithm: -7 as const, source: 'test' }]
  return { db, issuer, keys }
}

describe('createIssuer', () => {
  it('issues a verifiable HC1 with the bound names, and repeats give the same UVCI and row', async () => {
    const { db, issuer, keys } = await setup(async () => record)
    const first = await issuer.issue({ qr: 'x', holder })
    const again = await issuer.issue({ qr: 'x', holder })
    expect(again.uvci).toBe(first.uvci)
    // The UVCI is in the bridge's namespace (its issuing country, as the CWT iss), never the source's.
    expect(first.uvci).toMatch(/^URN:UVCI:01:XX:/)
    expect(again.repeated).toBe(true)
    expect(again.expiresAt).toEqual(first.expiresAt)
    expect(first.expiresAt.toISOString()).toBe('2022-07-01T00:00:00.000Z') // 365 days after the dose, before the national end of day
    const verified = await verifyCertificate({ hc1: first.hc1 }, { keys, now: new Date('2021-08-02') })
    expect(verified.status).toBe('VALID')
    // The register's spelling (Пётр), not the claim's (Петр): the claim only binds.
    expect((verified.payload as { nam: unknown }).nam).toEqual({ fn: 'Иванов', fnt: 'IVANOV', gn: 'Пётр', gnt: 'PETR' })
    expect(db.sqlite.prepare('select count(*) as n from issuances').get()).toEqual({ n: 1 })
    expect(await findIssuanceByUciHash(db, await revocationHash('UCI', { uvci: first.uvci }))).toBeDefined()
  })

  it('answers two concurrent requests for one record and event with one UVCI and one validity; the second says repeated', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    // Each request reads the clock once, a second after the other: alone, the second would sign another iat.
    let reads = 0
    const clock = () => new Date(Date.parse('2021-08-01T10:00:00Z') + 1000 * reads++)
    const { db, issuer, keys } = await setup(async () => (await gate, record), undefined, clock)
    const before = db.writeStats()
    const both = Promise.all([issuer.issue({ qr: 'x', holder }), issuer.issue({ qr: 'x', holder })])
    release()
    const [first, second] = await both
    // Group commit: the counters, the attempts and the issuances of both went in three transactions, one
    // each; the second's certificate, signed again with the stored validity, had its signature stored in a fourth.
    const after = db.writeStats()
    expect({ transactions: after.transactions - before.transactions, works: after.works - before.works }).toEqual({
      transactions: 4,
      works: 7,
    })
    expect(second.uvci).toBe(first.uvci)
    expect([first.repeated, second.repeated]).toEqual([false, true])
    expect(second.issuedAt).toEqual(first.issuedAt)
    expect(second.expiresAt).toEqual(first.expiresAt)
    expect(first.issuedAt.toISOString()).toBe('2021-08-01T10:00:00.000Z')
    // Both certificates carry the stored validity, and both signatures are on record for revocation.
    for (const answer of [first, second]) {
      const verified = await verifyCertificate({ hc1: answer.hc1 }, { keys, now: new Date('2021-08-02') })
      expect(verified).toMatchObject({ status: 'VALID', iat: '2021-08-01T10:00:00.000Z' })
    }
    expect(db.sqlite.prepare('select count(*) as n from issuances').get()).toEqual({ n: 1 })
    expect(db.sqlite.prepare('select count(*) as n from signatures').get()).toEqual({ n: 2 })
  })

  it('answers concurrent requests that read the same second alike, without signing again', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const { db, issuer } = await setup(async () => (await gate, record))
    const all = Promise.all([1, 2, 3].map(() => issuer.issue({ qr: 'x', holder })))
    release()
    const answers = await all
    expect(new Set(answers.map((a) => a.uvci)).size).toBe(1)
    expect(answers.map((a) => a.repeated)).toEqual([false, true, true])
    expect(new Set(answers.map((a) => a.issuedAt.getTime())).size).toBe(1)
    expect(db.sqlite.prepare('select count(*) as n from signatures').get()).toEqual({ n: 3 })
  })

  it('revokes what it issued when the source record is later found revoked upstream', async () => {
    let revoked = false
    const { db, issuer } = await setup(async () => {
      if (revoked) throw new AdapterError('RECORD_REVOKED', 'revoked upstream', { sourceRef: record.sourceRef, holder: record.holder })
      return record
    })
    const first = await issuer.issue({ qr: 'x', holder })
    revoked = true
    // Told to the bound holder; a stranger hears the uniform refusal.
    await expect(issuer.issue({ qr: 'x', holder })).rejects.toMatchObject({ code: 'RECORD_REVOKED' })
    await expect(issuer.issue({ qr: 'x', holder: { ...holder, givenName: 'Павел' } })).rejects.toMatchObject({
      code: 'NO_MATCHING_CERTIFICATE',
    })
    const entries = await revokedEntries(db, Math.floor(Date.parse('2021-08-02') / 1000))
    expect(entries.map((e) => e.uciHash)).toEqual([await revocationHash('UCI', { uvci: first.uvci })])
  })

  it('counts the client and the record in one transaction; a refused client reaches no national system; a forged link still counts', async () => {
    let retrieved = 0
    const { db, issuer } = await setup(async () => (retrieved++, record), { perClientPerMinute: 3, perRecordPerHour: 2 })
    const atomicRows = vi.spyOn(db, 'atomicRows')
    await issuer.issue({ qr: 'x', holder, client: 'a' })
    expect(atomicRows.mock.calls.map(([steps]) => steps.map((step) => step.values.bucket))).toEqual([
      // the client, the record and an attempt on the record as the link names it, in one transaction
      [
        expect.stringMatching(/^client:/),
        expect.stringMatching(/^record:/),
        expect.stringMatching(/^attempts:[^:]+$/),
        expect.stringMatching(/^attempts:[^:]+:[^:]+$/),
      ],
      // then an attempt on the record as the look-up resolved it (the test link names none)
      [expect.stringMatching(/^attempts:[^:]+$/), expect.stringMatching(/^attempts:[^:]+:[^:]+$/)],
      // then the issuance, whose commit gives the four attempts back (between its row, its signature and the row read back)
      [undefined, undefined, ...Array.from({ length: 4 }, () => expect.stringMatching(/^attempts:/)), undefined],
    ])
    // The address is kept as a keyed hash only.
    const buckets = db.sqlite.prepare('select bucket from rate_limits').pluck().all() as string[]
    expect(buckets.some((b) => b.includes('client:a'))).toBe(false)
    expect(buckets).toContain(`client:${await (await createKeyedHasher(new Uint8Array(32).fill(7))).hash('client', 'a')}`)
    const counts = db.sqlite.prepare("select bucket, count from rate_limits where bucket not like 'attempts:%' order by bucket").all()
    expect(counts.map((r) => (r as { count: number }).count)).toEqual([1, 1])
    // The bound request gave its attempt back.
    expect(db.sqlite.prepare("select sum(count) as n from rate_limits where bucket like 'attempts:%'").get()).toEqual({ n: 0 })
    await issuer.issue({ qr: 'x', holder, client: 'b' })
    // Third for this record: refused by the record limit; the client 'b' had one.
    await expect(issuer.issue({ qr: 'x', holder, client: 'b' })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringContaining('certificate'),
    })
    await expect(issuer.issue({ qr: 'forged', holder, client: 'a' })).rejects.toMatchObject({ code: 'LINK_FORGED' })
    await expect(issuer.issue({ qr: 'y', holder, client: 'a' })).resolves.toMatchObject({ type: 'vaccination' })
    // 'a' has had three (x, forged, y): the fourth is refused for the client, before any upstream call.
    const before = retrieved
    const refused = issuer.issue({ qr: 'z', holder, client: 'a' })
    await expect(refused).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringContaining('client'),
      retryAfter: expect.any(Number),
    })
    await expect(issuer.issue({ qr: 'forged', holder, client: 'a' })).rejects.toMatchObject({ code: 'RATE_LIMITED' })
    expect(retrieved).toBe(before)
  })

  it('locks the record after repeated holder mismatches, never saying which field differed', async () => {
    const { issuer } = await setup(async () => record)
    const wrong = { ...holder, dateOfBirth: '1970-03-05' }
    await expect(issuer.issue({ qr: 'x', holder: wrong })).rejects.toMatchObject({ code: 'NO_MATCHING_CERTIFICATE' })
    await expect(issuer.issue({ qr: 'x', holder: wrong })).rejects.toMatchObject({ code: 'NO_MATCHING_CERTIFICATE' })
    await expect(issuer.issue({ qr: 'x', holder: wrong })).rejects.toMatchObject({ code: 'NO_MATCHING_CERTIFICATE' })
    await expect(issuer.issue({ qr: 'x', holder })).rejects.toMatchObject({ code: 'HOLDER_LOCKED', retryAfter: expect.any(Number) })
  })

  it('tells the caller the adapter once the link is matched, refusals included, and none for a link no adapter takes', async () => {
    const { issuer } = await setup(async () => record)
    const told: string[] = []
    const onMatched = (adapterId: string) => told.push(adapterId)
    await issuer.issue({ qr: 'x', holder, onMatched })
    await expect(issuer.issue({ qr: 'x', holder: { ...holder, dateOfBirth: '1970-03-05' }, onMatched })).rejects.toMatchObject({
      code: 'NO_MATCHING_CERTIFICATE',
    })
    await expect(issuer.issue({ qr: 'forged', holder, onMatched })).rejects.toMatchObject({ code: 'LINK_FORGED' })
    expect(told).toEqual([adapter.id, adapter.id])
  })

  it('reserves an Idempotency-Key before the work: the same key with two bodies at once gives one certificate and a 409', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const { db, issuer } = await setup(async () => (await gate, record))
    const first = issuer.issue({ qr: 'x', holder, idempotencyKey: 'key-concurrent', client: 'a' })
    const second = issuer.issue({ qr: 'y', holder, idempotencyKey: 'key-concurrent', client: 'a' })
    const settled = Promise.allSettled([first, second])
    release()
    const outcomes = await settled
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.code)).toEqual([
      'IDEMPOTENCY_CONFLICT',
    ])
    expect(db.sqlite.prepare('select count(*) as n from issuances').get()).toEqual({ n: 1 })
    expect(db.sqlite.prepare("select count(*) as n from idempotency_keys where event_key = ''").get()).toEqual({ n: 0 })
    // The 409 cost no binding attempt: every counter of attempts is back at zero.
    expect(db.sqlite.prepare("select sum(count) as n from rate_limits where bucket like 'attempts:%'").get()).toEqual({ n: 0 })
  })

  it('scopes Idempotency-Keys per client, and gives back a key whose work failed', async () => {
    let fail = true
    const { issuer } = await setup(async () => {
      if (fail) throw new AdapterError('UPSTREAM_UNAVAILABLE', 'down')
      return record
    })
    await expect(issuer.issue({ qr: 'x', holder, idempotencyKey: 'key-shared', client: 'a' })).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    })
    fail = false
    // The failed attempt left no reservation behind: the retry with another body is not a conflict...
    await expect(issuer.issue({ qr: 'y', holder, idempotencyKey: 'key-shared', client: 'a' })).resolves.toMatchObject({
      type: 'vaccination',
    })
    // ...and another client's key of the same name is its own.
    await expect(issuer.issue({ qr: 'x', holder, idempotencyKey: 'key-shared', client: 'b' })).resolves.toMatchObject({
      type: 'vaccination',
    })
    await expect(issuer.issue({ qr: 'x', holder, idempotencyKey: 'key-shared', client: 'a' })).rejects.toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
    })
  })

  it('refuses an Idempotency-Key reused for another request', async () => {
    const { issuer } = await setup(async () => record)
    await issuer.issue({ qr: 'x', holder, idempotencyKey: 'key-12345678' })
    await expect(issuer.issue({ qr: 'y', holder, idempotencyKey: 'key-12345678' })).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' })
  })
})
