// `certbridge trust upload-package`: the CMS packages verify with openssl against the participant's
// UP certificate and carry exactly the DSC's DER, or a gateway revocation batch of the bridge's
// revocations; a changed byte makes openssl refuse them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run, type UploadIo } from './trust-upload-package.ts'
import { createParticipant } from '../trust/onboard/participant.ts'
import { readFolderSigner, writeParticipantFolder } from '../runtime/node/trust/onboard-folder.ts'
import { addDsc, createKeyStoreWithCa, type KeyStore } from '../trust/keystore.ts'
import { saveKeyStore } from '../runtime/node/trust/keystore-file.ts'
import { openCms } from '../trust/onboard/cms.ts'
import { openNodeDb } from '../runtime/node/database.ts'
import { recordIssuance, revokeByUciHash } from '../db/issuances.ts'
import { revocationBatches } from '../revocation/batch.ts'

const now = new Date('2026-04-01T09:00:00Z')
let root: string
let participant: string
let dataDir: string
let store: KeyStore
const out: string[] = []
const err: string[] = []
const io: UploadIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, now: () => now }
const upPem = () => join(participant, 'onboarding', 'DCC', 'UP', 'UP.pem')

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'certbridge-upload-'))
  participant = join(root, 'XXX')
  dataDir = join(root, 'data')
  await writeParticipantFolder(
    participant,
    await createParticipant({ country: 'XX', organisation: 'Example Bridge', now: new Date('2026-03-01T00:00:00Z') }),
  )
  const sca = await readFolderSigner(participant, 'SCA')
  store = await addDsc(await createKeyStoreWithCa(sca, { now, test: true }), sca, { now })
  await saveKeyStore(dataDir, store)
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** openssl cms -verify against UP.pem as the only trust anchor; returns the content, or null when refused. */
function opensslVerify(base64: string, name: string): Buffer | null {
  const der = join(root, `${name}.der`)
  const content = join(root, `${name}.out`)
  writeFileSync(der, Buffer.from(base64, 'base64'))
  const result = spawnSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', der, '-CAfile', upPem(), '-binary', '-out', content], {
    encoding: 'utf8',
  })
  return result.status === 0 && result.stderr.includes('Verification successful') ? readFileSync(content) : null
}

describe('certbridge trust upload-package', () => {
  it('signs each published DSC with the UP certificate; openssl verifies and gets the DSC DER back', async () => {
    const file = join(root, 'dsc.b64')
    expect(await run(['--onboarding', participant, '--out', file, '--data-dir', dataDir], io)).toBe(0)
    const lines = readFileSync(file, 'utf8').trim().split('\n')
    expect(lines).toHaveLength(2)
    for (const [i, line] of lines.entries()) {
      const content = opensslVerify(line, `dsc${i}`)
      expect(content?.toString('base64')).toBe(store.dscs[i]!.certificate)
      // The one certificate in the package is the UP certificate.
      const certs = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', join(root, `dsc${i}.der`)], {
        encoding: 'utf8',
      })
      expect(certs).toContain('contentType: pkcs7-signedData')
      expect(certs).toMatch(/signatureAlgorithm:\s+algorithm: ecdsa-with-SHA256/)
      // DER: the content is one primitive OCTET STRING, not BER pieces.
      const asn1 = execFileSync('openssl', ['asn1parse', '-inform', 'DER', '-in', join(root, `dsc${i}.der`)], { encoding: 'utf8' })
      expect(asn1).not.toContain('cons: OCTET STRING')
      expect(asn1).toMatch(/prim: OCTET STRING\s+\[HEX DUMP\]:3082/)
      expect(Buffer.from((await openCms(Buffer.from(line, 'base64'))).signer).toString('base64')).toBe(
        readFileSync(upPem(), 'utf8').replace(/-----[A-Z ]+-----|\s/g, ''),
      )
    }
    expect(out.join('\n')).toContain(`DSC kid ${store.dscs[1]!.kid} (next)`)
    out.length = 0
    expect(await run(['--onboarding', participant, '--out', file, '--data-dir', dataDir, '--kid', store.dscs[1]!.kid], io)).toBe(0)
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1)
  })

  it('a package with one changed byte is refused by openssl', async () => {
    const file = join(root, 'one.b64')
    expect(await run(['--onboarding', participant, '--out', file, '--data-dir', dataDir, '--kid', store.dscs[0]!.kid], io)).toBe(0)
    const der = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')
    expect(opensslVerify(der.toString('base64'), 'intact')).not.toBeNull()
    // A byte inside the encapsulated DSC (its DER starts after the CMS headers).
    const at = der.indexOf(Buffer.from(store.dscs[0]!.certificate, 'base64').subarray(40, 56))
    expect(at).toBeGreaterThan(0)
    der[at] = der[at]! ^ 0x01
    expect(opensslVerify(der.toString('base64'), 'tampered')).toBeNull()
    // Another UP certificate is not a trust anchor for it.
    const other = join(root, 'YYY')
    await writeParticipantFolder(other, await createParticipant({ country: 'XX', organisation: 'Someone Else', now }))
    const result = spawnSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-inform',
        'DER',
        '-in',
        join(root, 'intact.der'),
        '-CAfile',
        join(other, 'onboarding', 'DCC', 'UP', 'UP.pem'),
        '-binary',
        '-out',
        '/dev/null',
      ],
      { encoding: 'utf8' },
    )
    expect(result.status).not.toBe(0)
  })

  it('packages the bridge’s revocations as gateway revocation batches, one per kid, verified by openssl', async () => {
    const db = openNodeDb(dataDir)
    try {
      const kidA = store.dscs[0]!.kid
      const kidB = store.dscs[1]!.kid
      const rows = [
        { key: 'a1', kid: kidA, expires: 1_800_000_000 },
        { key: 'a2', kid: kidA, expires: 1_810_000_000 },
        { key: 'b1', kid: kidB, expires: 1_790_000_000 },
        { key: 'c1', kid: kidB, expires: 1_000_000_000 }, // expired: needs no revocation entry
        { key: 'v1', kid: kidA, expires: 1_900_000_000, valid: true },
      ]
      for (const row of rows) {
        await recordIssuance(
          db,
          {
            eventKey: `event-${row.key}`,
            sourceKey: `source-${row.key}`,
            uciHash: `uci${row.key}AAAAAAAAAAAAAAAAA==`,
            countryUciHash: `ccu${row.key}AAAAAAAAAAAAAAAAA==`,
            adapter: 'vn-qr',
            type: 'vaccination',
            kid: row.kid,
            issuedAt: 1_770_000_000,
            expiresAt: row.expires,
          },
          `sig${row.key}AAAAAAAAAAAAAAAAA==`,
        )
        if (!row.valid) await revokeByUciHash(db, `uci${row.key}AAAAAAAAAAAAAAAAA==`, 'ADMIN', 1_775_000_000)
      }
    } finally {
      db.close()
    }
    const file = join(root, 'revocations.b64')
    out.length = 0
    expect(await run(['--onboarding', participant, '--out', file, '--data-dir', dataDir, '--revocations'], io)).toBe(0)
    const lines = readFileSync(file, 'utf8').trim().split('\n')
    const batches = lines.map((line, i) => JSON.parse(opensslVerify(line, `rev${i}`)!.toString('utf8')))
    const expected = [
      {
        country: 'XX',
        expires: new Date(1_810_000_000_000).toISOString(),
        kid: store.dscs[0]!.kid,
        hashType: 'SIGNATURE',
        entries: [{ hash: 'siga1AAAAAAAAAAAAAAAAA==' }, { hash: 'siga2AAAAAAAAAAAAAAAAA==' }],
      },
      {
        country: 'XX',
        expires: new Date(1_790_000_000_000).toISOString(),
        kid: store.dscs[1]!.kid,
        hashType: 'SIGNATURE',
        entries: [{ hash: 'sigb1AAAAAAAAAAAAAAAAA==' }],
      },
    ].sort((a, b) => a.kid.localeCompare(b.kid))
    expect(batches).toEqual(expected)
    expect(await run(['--onboarding', participant, '--out', file, '--data-dir', dataDir, '--revocations', '--hash-type', 'uci'], io)).toBe(
      0,
    )
    const uci = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line, i) => JSON.parse(opensslVerify(line, `uci${i}`)!.toString('utf8')))
    expect(uci.flatMap((b) => b.entries.map((e: { hash: string }) => e.hash)).sort()).toEqual([
      'ucia1AAAAAAAAAAAAAAAAA==',
      'ucia2AAAAAAAAAAAAAAAAA==',
      'ucib1AAAAAAAAAAAAAAAAA==',
    ])
  })

  it('splits batches at 1,000 entries, and reports bad input in one line', async () => {
    const entries = Array.from({ length: 2500 }, (_, i) => ({
      kid: 'AAAAAAAAAAA=',
      uciHash: `h${i}`,
      countryUciHash: `c${i}`,
      signatureHashes: [`s${i}`],
      expiresAt: 1_800_000_000,
    }))
    expect(revocationBatches(entries, { country: 'XX', hashType: 'UCI' }).map((b) => b.entries.length)).toEqual([1000, 1000, 500])
    expect(await run(['--onboarding', participant, '--out', join(root, 'x'), '--data-dir', dataDir, '--hash-type', 'MD5'], io)).toBe(2)
    expect(await run(['--onboarding', participant, '--data-dir', dataDir], io)).toBe(2)
    expect(await run(['--onboarding', join(root, 'nowhere'), '--out', join(root, 'x'), '--data-dir', dataDir], io)).toBe(1)
    expect(err.at(-1)).toContain('[ONBOARD_NOT_FOUND]')
    expect(await run(['--onboarding', participant, '--out', join(root, 'x'), '--data-dir', dataDir, '--kid', 'nope'], io)).toBe(1)
  })
})
