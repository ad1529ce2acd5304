// DSC keys in a PKCS#11 token (SoftHSM2 from Debian; .ci/run installs it): `keys dsc --pkcs11` makes
// the key pair in the token and the SCA certifies it; the key store then holds no private key at all,
// and the service, configured by DATA_DIR/pkcs11.json and CERTBRIDGE_PKCS11_PIN, signs through the
// token: the HC1s it issues verify with the DSC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run as keys } from '../../../../cli/keys.ts'
import { createParticipant } from '../../../../trust/onboard/participant.ts'
import { writeParticipantFolder } from '../onboard-folder.ts'
import { loadKeyStore } from '../keystore-file.ts'
import { activeDsc, externalSigner } from '../../../../trust/keystore.ts'
import { importDsc } from '../../../../trust/dsc.ts'
import { openPkcs11Token, PIN_VARIABLE } from './pkcs11.ts'
import { startServer, type RunningServer } from '../../main.ts'
import { createLogger } from '../../../../platform/log.ts'
import { verifyCertificate } from '../../../../verify/verify.ts'
import { createTrustStore } from '../../../../trust/store.ts'

const MODULE = '/usr/lib/softhsm/libsofthsm2.so'
const PIN = '81726354'
let root: string
let dataDir: string
let participant: string
let server: RunningServer | undefined
const err: string[] = []
const io = (env: Record<string, string> = { [PIN_VARIABLE]: PIN }) => ({
  out: () => undefined,
  err: (l: string) => err.push(l),
  env,
  now: () => new Date(),
})

describe.skipIf(!existsSync(MODULE))('DSC keys in a PKCS#11 token (SoftHSM2)', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'certbridge-pkcs11-'))
    mkdirSync(join(root, 'tokens'))
    writeFileSync(
      join(root, 'softhsm2.conf'),
      `directories.tokendir = ${join(root, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`,
    )
    process.env.SOFTHSM2_CONF = join(root, 'softhsm2.conf')
    execFileSync('softhsm2-util', ['--init-token', '--free', '--label', 'certbridge', '--pin', PIN, '--so-pin', '1029384756'], {
      stdio: 'ignore',
    })
    participant = join(root, 'XXX')
    dataDir = join(root, 'data')
    await writeParticipantFolder(
      participant,
      await createParticipant({ country: 'XX', organisation: 'Example Bridge', now: new Date(Date.now() - 86_400_000) }),
    )
    mkdirSync(dataDir, { mode: 0o700 })
    writeFileSync(join(dataDir, 'pkcs11.json'), JSON.stringify({ module: MODULE, token: 'certbridge' }))
  })
  afterAll(async () => {
    await server?.close()
    delete process.env[PIN_VARIABLE]
    rmSync(root, { recursive: true, force: true })
  })

  // First: a login held by another session of this process would hide a wrong PIN.
  it('refuses a wrong PIN or none, without echoing it', () => {
    expect(() => openPkcs11Token({ module: MODULE, token: 'certbridge' }, undefined)).toThrow(
      expect.objectContaining({ code: 'KEYSTORE_CONFIG_INVALID' }),
    )
    let error: unknown
    try {
      openPkcs11Token({ module: MODULE, token: 'certbridge' }, '99999999')
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({ code: 'KEYSTORE_CONFIG_INVALID' })
    expect((error as Error).message).not.toContain('99999999')
    expect(() => openPkcs11Token({ module: MODULE, token: 'nowhere' }, PIN)).toThrow(/No PKCS#11 token labelled 'nowhere'/)
  })

  it('keys dsc --pkcs11: the SCA certifies a key made in the token; the key store holds no private key', async () => {
    expect(await keys(['dsc', '--ca', participant, '--data-dir', dataDir, '--pkcs11', '--test'], io())).toBe(0)
    const text = readFileSync(join(dataDir, 'keystore.json'), 'utf8')
    expect(text).not.toContain('PRIVATE KEY')
    const stored = JSON.parse(text).dscs[0]
    expect(stored.pkcs11Id).toMatch(/^[0-9a-f]{16}$/)
    const pem = join(root, 'dsc.pem')
    writeFileSync(pem, `-----BEGIN CERTIFICATE-----\n${stored.certificate.match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE-----\n`)
    expect(
      execFileSync('openssl', ['verify', '-CAfile', join(participant, 'onboarding', 'DCC', 'SCA', 'SCA.pem'), pem], { encoding: 'utf8' }),
    ).toContain(': OK')
  })

  it('signs through the token: ES256 signatures verify with the DSC certificate', async () => {
    process.env[PIN_VARIABLE] = PIN
    const store = await loadKeyStore(dataDir)
    const dsc = activeDsc(store, new Date())
    const signer = externalSigner(store, dsc)!
    const data = new TextEncoder().encode('Signature1 structure')
    const signature = await signer.sign(data)
    expect(signature).toHaveLength(64)
    const { publicKey } = await importDsc(dsc.der, { source: 'test' })
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, new Uint8Array(signature), data)).toBe(true)
    expect(
      await crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        publicKey,
        new Uint8Array(signature),
        new TextEncoder().encode('other'),
      ),
    ).toBe(false)
  })

  it('a sandbox start on that DATA_DIR issues certificates signed in the token', async () => {
    process.env[PIN_VARIABLE] = PIN
    const stored = JSON.parse(readFileSync(join(dataDir, 'keystore.json'), 'utf8')).dscs[0]
    server = await startServer({
      port: 0,
      dataDir,
      env: { CERTBRIDGE_MODE: 'sandbox', CERTBRIDGE_RATE_PER_CLIENT_PER_MINUTE: '100000', CERTBRIDGE_RATE_PER_RECORD_PER_HOUR: '100000' },
      log: createLogger(() => undefined),
    })
    const { samples } = (await (await fetch(`${server.url}/v1/sandbox/samples`)).json()) as {
      samples: { qr: string; holder: unknown; expect: { status: number } }[]
    }
    const sample = samples.find((s) => s.expect.status === 201)!
    const res = await fetch(`${server.url}/v1/certificates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ qr: sample.qr, holder: sample.holder, consent: true }),
    })
    expect(res.status).toBe(201)
    const body = (await res.json()) as { kid: string; hc1: string }
    expect(body.kid).toBe(stored.kid)
    const trust = createTrustStore([await importDsc(stored.certificate, { source: 'token' })])
    await expect(verifyCertificate({ hc1: body.hc1 }, { keys: trust.resolve, now: new Date() })).resolves.toMatchObject({
      status: 'VALID',
      type: expect.any(String),
    })
  })
})
