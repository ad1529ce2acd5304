import { describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  activeDsc,
  addDsc,
  createKeyStore,
  createKeyStoreWithCa,
  CSCA_VALIDITY_DAYS,
  DSC_USAGE_OIDS,
  DSC_VALIDITY_DAYS,
  publishedDscs,
  releaseSandboxCa,
  rotateKeyStore,
  settleKeyStore,
  signingDsc,
  usageOverdue,
  type KeyStore,
} from './keystore.ts'
import { parseKeyStore, parseKeyStoreDocument } from './keystore-parse.ts'
import { importDsc, computeKid } from './dsc.ts'
import { fromBase64, fromPem, toBase64, toPem } from '../platform/bytes.ts'
import { loadX509 } from './x509.ts'

const DAY = 86_400_000
const now = new Date('2026-03-01T10:00:00.000Z')
const options = { country: 'XX', organisation: 'certbridge sandbox', now, test: true }

const x509 = await loadX509()
const certOf = (base64: string) => new x509.X509Certificate(new Uint8Array(fromBase64(base64)))
const store: KeyStore = await createKeyStore(options)

describe('key store: certificates', () => {
  it('makes a self-signed P-256 CSCA that is a CA for 4 years', async () => {
    const csca = certOf(store.csca.certificate)
    expect(csca.subject).toBe('C=XX, O=certbridge sandbox, CN=certbridge sandbox TEST CSCA')
    expect(csca.issuer).toBe(csca.subject)
    expect(csca.publicKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' })
    expect(csca.signatureAlgorithm).toMatchObject({ name: 'ECDSA', hash: { name: 'SHA-256' } })
    const constraints = csca.getExtension(x509.BasicConstraintsExtension)!
    expect([constraints.ca, constraints.critical]).toEqual([true, true])
    const usage = csca.getExtension(x509.KeyUsagesExtension)!
    expect(usage.usages & x509.KeyUsageFlags.keyCertSign).toBeTruthy()
    expect(usage.usages & x509.KeyUsageFlags.digitalSignature).toBeFalsy()
    expect(csca.notBefore.toISOString()).toBe(now.toISOString())
    expect(csca.notAfter.getTime() - csca.notBefore.getTime()).toBe(CSCA_VALIDITY_DAYS * DAY)
    expect(CSCA_VALIDITY_DAYS).toBeLessThanOrEqual(4 * 365)
    expect(await csca.verify({ signatureOnly: true })).toBe(true)
  })

  it('makes a DSC signed by the CSCA, for digital signatures, with the three EU usage OIDs, for ≤ 2 years', async () => {
    const [dsc] = store.dscs
    const cert = certOf(dsc!.certificate)
    const csca = certOf(store.csca.certificate)
    expect(cert.subject).toBe('C=XX, O=certbridge sandbox, CN=certbridge sandbox TEST DSC 1')
    expect(cert.issuer).toBe(csca.subject)
    expect(await cert.verify({ publicKey: csca.publicKey, signatureOnly: true })).toBe(true)
    expect(cert.getExtension(x509.KeyUsagesExtension)!.usages).toBe(x509.KeyUsageFlags.digitalSignature)
    expect(cert.getExtension(x509.ExtendedKeyUsageExtension)!.usages).toEqual([
      DSC_USAGE_OIDS.test,
      DSC_USAGE_OIDS.vaccination,
      DSC_USAGE_OIDS.recovery,
    ])
    expect(cert.notAfter.getTime() - cert.notBefore.getTime()).toBe(DSC_VALIDITY_DAYS * DAY)
    expect(cert.notAfter <= csca.notAfter).toBe(true)
    expect(dsc!.state).toBe('active')
    expect(store.test).toBe(true)
  })

  it('stores a kid and a private key that match the certificate', async () => {
    const active = activeDsc(store, now)
    expect(toBase64(await computeKid(active.der))).toBe(active.kidBase64)
    expect(active.kid).toHaveLength(8)
    const trusted = await importDsc(active.der, { source: 'certbridge' })
    expect(trusted.allowedTypes).toEqual(new Set(['test', 'vaccination', 'recovery']))
    expect(trusted.country).toBe('XX')
    const key = await crypto.subtle.importKey(
      'pkcs8',
      new Uint8Array(fromPem('PRIVATE KEY', active.privateKeyPem!)),
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['sign'],
    )
    const data = new TextEncoder().encode('Sig_structure')
    const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, data)
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, trusted.publicKey, signature, data)).toBe(true)
  })

  it.skipIf(!existsSync('/usr/bin/openssl'))('passes an independent check: openssl verifies the chain and the DSC purpose bits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'certbridge-keys-'))
    try {
      writeFileSync(join(dir, 'csca.pem'), toPem('CERTIFICATE', fromBase64(store.csca.certificate)))
      writeFileSync(join(dir, 'dsc.pem'), toPem('CERTIFICATE', fromBase64(store.dscs[0]!.certificate)))
      const out = execFileSync(
        'openssl',
        ['verify', '-attime', String(now.getTime() / 1000 + 60), '-CAfile', join(dir, 'csca.pem'), join(dir, 'dsc.pem')],
        { encoding: 'utf8' },
      )
      expect(out).toContain('dsc.pem: OK')
      const text = execFileSync('openssl', ['x509', '-in', join(dir, 'dsc.pem'), '-noout', '-text'], { encoding: 'utf8' })
      expect(text).toContain('1.3.6.1.4.1.1847.2021.1.2')
      expect(text).toContain('Digital Signature')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses bad options with a stable code', async () => {
    await expect(createKeyStore({ ...options, country: 'xx' })).rejects.toMatchObject({ code: 'KEYSTORE_CONFIG_INVALID' })
    await expect(createKeyStore({ ...options, organisation: ' ' })).rejects.toMatchObject({ code: 'KEYSTORE_CONFIG_INVALID' })
  })
})

describe('key store: rotation and publication', () => {
  it('rotates: one new active DSC, the previous retired and still published until its notAfter', async () => {
    const later = new Date(now.getTime() + 180 * DAY)
    const rotated = await rotateKeyStore(store, later)
    expect(rotated.dscs.map((d) => d.state)).toEqual(['retired', 'active'])
    expect(rotated.dscs[0]!.retiredAt).toBe(later.toISOString())
    expect(rotated.issuedDscs).toBe(2)
    expect(certOf(rotated.dscs[1]!.certificate).subject).toContain('CN=certbridge sandbox TEST DSC 2')
    expect(activeDsc(rotated).kidBase64).toBe(rotated.dscs[1]!.kid)
    expect(activeDsc(rotated).kidBase64).not.toBe(activeDsc(store).kidBase64)
    expect(publishedDscs(rotated, later)).toHaveLength(2)
    const firstEnd = new Date(store.dscs[0]!.notAfter)
    expect(publishedDscs(rotated, new Date(firstEnd.getTime() - 1000))).toHaveLength(2)
    expect(publishedDscs(rotated, firstEnd).map((d) => d.kid)).toEqual([rotated.dscs[1]!.kid])
  })

  it('drops retired DSCs past their notAfter at the next rotation', async () => {
    const second = await rotateKeyStore(store, new Date(now.getTime() + 100 * DAY))
    const third = await rotateKeyStore(second, new Date(now.getTime() + DSC_VALIDITY_DAYS * DAY + DAY))
    expect(third.dscs.map((d) => d.state)).toEqual(['retired', 'active'])
    expect(third.dscs.some((d) => d.kid === store.dscs[0]!.kid)).toBe(false)
    expect(certOf(third.dscs[1]!.certificate).subject).toContain('DSC 3')
  })

  it('never issues a DSC beyond its CSCA, and refuses one when the CSCA is about to end', async () => {
    const cscaEnd = new Date(store.csca.notAfter)
    const late = await rotateKeyStore(store, new Date(cscaEnd.getTime() - 100 * DAY))
    expect(late.dscs.at(-1)!.notAfter).toBe(cscaEnd.toISOString())
    await expect(rotateKeyStore(store, new Date(cscaEnd.getTime() - 10 * DAY))).rejects.toMatchObject({ code: 'KEYSTORE_CSCA_EXPIRING' })
  })

  it('refuses an expired active DSC when asked with a clock', () => {
    expect(() => activeDsc(store, new Date(store.dscs[0]!.notAfter))).toThrow(expect.objectContaining({ code: 'KEYSTORE_DSC_EXPIRED' }))
    expect(() => activeDsc({ ...store, dscs: [] })).toThrow(expect.objectContaining({ code: 'KEYSTORE_NO_ACTIVE_DSC' }))
  })
})

describe('key store: document', () => {
  it('round-trips through JSON', () => {
    expect(parseKeyStore(JSON.parse(JSON.stringify(store)))).toEqual(store)
  })

  it('refuses damaged documents without echoing their content', () => {
    const damaged = { ...store, dscs: [{ ...store.dscs[0]!, privateKeyPem: 'SECRET-MATERIAL' }] }
    let error: unknown
    try {
      parseKeyStore(damaged)
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({ code: 'KEYSTORE_INVALID' })
    expect((error as Error).message).toContain('dscs.0.privateKeyPem')
    expect((error as Error).message).not.toContain('SECRET')
    expect(() => parseKeyStore({ ...store, dscs: store.dscs.map((d) => ({ ...d, state: 'retired' })) })).toThrow(
      expect.objectContaining({ code: 'KEYSTORE_INVALID' }),
    )
    expect(() => parseKeyStore(null)).toThrow(expect.objectContaining({ code: 'KEYSTORE_INVALID' }))
  })
})

describe('key store: the SCA stays offline', () => {
  it('holds the SCA certificate only, even for a sandbox store made in this process', async () => {
    expect(Object.keys(store.csca).sort()).toEqual(['certificate', 'notAfter', 'notBefore'])
    expect(JSON.stringify(store).match(/BEGIN PRIVATE KEY/g)).toHaveLength(store.dscs.length)
  })

  it('reads a version 1 store (with the CSCA private key) as version 2 without it, and says so', () => {
    const old = { ...store, version: 1, csca: { ...store.csca, privateKeyPem: toPem('PRIVATE KEY', new Uint8Array([1, 2, 3])) } }
    const { store: read, migrated } = parseKeyStoreDocument(JSON.parse(JSON.stringify(old)))
    expect(read.version).toBe(2)
    expect(read.csca).toEqual(store.csca)
    expect(migrated).toMatch(/CSCA private key was removed/)
    expect(parseKeyStoreDocument(JSON.parse(JSON.stringify(store))).migrated).toBeUndefined()
    // A version 2 document that carries a CSCA key is not a valid key store.
    expect(() => parseKeyStore({ ...store, csca: old.csca })).toThrow(expect.objectContaining({ code: 'KEYSTORE_INVALID' }))
  })

  it('cannot issue once the sandbox SCA is released (a store read back from JSON has none)', async () => {
    const copy = parseKeyStore(JSON.parse(JSON.stringify(store)))
    await expect(rotateKeyStore(copy, new Date(now.getTime() + DAY))).rejects.toMatchObject({ code: 'KEYSTORE_CA_REQUIRED' })
    const own = await createKeyStore(options)
    releaseSandboxCa(own)
    await expect(rotateKeyStore(own, new Date(now.getTime() + DAY))).rejects.toMatchObject({ code: 'KEYSTORE_CA_REQUIRED' })
  })
})

describe('key store: DSCs from an SCA, prepared in advance, with usage periods', async () => {
  const scaKeys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair
  const scaCert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'C=DE, O=Example Bridge, CN=Example Bridge SCA',
    keys: scaKeys,
    notBefore: now,
    notAfter: new Date(now.getTime() + 4 * 365 * DAY),
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  })
  const ca = { certificate: new Uint8Array(scaCert.rawData), privateKey: scaKeys.privateKey }

  it('makes the first DSC active, chained to the SCA, with the SCA country and organisation', async () => {
    const made = await createKeyStoreWithCa(ca, { now, test: false, usageDays: 180 })
    expect([made.country, made.organisation, made.test, made.version]).toEqual(['DE', 'Example Bridge', false, 2])
    const dsc = certOf(made.dscs[0]!.certificate)
    expect(await dsc.verify({ publicKey: scaCert.publicKey, signatureOnly: true })).toBe(true)
    expect(dsc.issuer).toBe(scaCert.subject)
    expect(made.dscs[0]).toMatchObject({
      state: 'active',
      usageStart: now.toISOString(),
      usageEnd: new Date(now.getTime() + 180 * DAY).toISOString(),
    })
  })

  it('queues later DSCs as next; signing moves on when the usage period ends, and every DSC stays published', async () => {
    const first = await createKeyStoreWithCa(ca, { now, test: false, usageDays: 180 })
    const second = await addDsc(first, ca, { now, usageDays: 180, types: ['vaccination'] })
    const [a, b] = second.dscs
    expect(b).toMatchObject({ state: 'next', usageStart: a!.usageEnd, usageEnd: new Date(now.getTime() + 360 * DAY).toISOString() })
    expect(certOf(b!.certificate).getExtension(x509.ExtendedKeyUsageExtension)!.usages).toEqual([DSC_USAGE_OIDS.vaccination])
    const day = (n: number) => new Date(now.getTime() + n * DAY)
    expect(signingDsc(second, day(179)).kid).toBe(a!.kid)
    expect(signingDsc(second, day(180)).kid).toBe(b!.kid)
    expect(activeDsc(second, day(200)).kidBase64).toBe(b!.kid)
    expect(publishedDscs(second, day(1)).map((d) => d.kid)).toEqual([a!.kid, b!.kid])
    expect(publishedDscs(second, day(200)).map((d) => d.kid)).toEqual([a!.kid, b!.kid])
    // Past every usage period, nothing prepared: the last valid DSC goes on signing, and it is overdue.
    expect(signingDsc(second, day(400)).kid).toBe(b!.kid)
    expect(usageOverdue(second, day(400))).toBe(true)
    expect(usageOverdue(second, day(10))).toBe(false)
    // The states, settled at a time, follow the clock.
    expect(settleKeyStore(second, day(200)).dscs.map((d) => d.state)).toEqual(['retired', 'active'])
  })

  it('rotates to the prepared DSC without the SCA; needs the SCA when nothing is prepared', async () => {
    const first = await createKeyStoreWithCa(ca, { now, test: false })
    const second = await addDsc(first, ca, { now })
    const later = new Date(now.getTime() + 30 * DAY)
    const rotated = await rotateKeyStore(second, later)
    expect(rotated.dscs.map((d) => d.state)).toEqual(['retired', 'active'])
    expect(signingDsc(rotated, later).kid).toBe(second.dscs[1]!.kid)
    await expect(rotateKeyStore(rotated, later)).rejects.toMatchObject({ code: 'KEYSTORE_CA_REQUIRED' })
    const withCa = await rotateKeyStore(rotated, later, ca)
    expect(withCa.dscs.map((d) => d.state)).toEqual(['retired', 'retired', 'active'])
  })

  it('refuses another SCA, and a private key that is not the SCA certificate’s', async () => {
    const first = await createKeyStoreWithCa(ca, { now, test: false })
    const other = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair
    await expect(
      addDsc(first, { certificate: fromBase64(store.csca.certificate), privateKey: other.privateKey }, { now }),
    ).rejects.toMatchObject({ code: 'KEYSTORE_CA_MISMATCH' })
    await expect(addDsc(first, { certificate: ca.certificate, privateKey: other.privateKey }, { now })).rejects.toMatchObject({
      code: 'KEYSTORE_CA_MISMATCH',
    })
  })
})
