// `certbridge bench [--json] [--quick]`: issue and verify throughput beside native node:crypto ES256
// and the two peers, sequentially on one core. Verify is the product's pipeline (src/verify), as
// POST /v1/verify runs it, without revocation lists or business rules.
import { sign, verify } from 'node:crypto'
import { benchKeys, benchPayload } from './fixtures.ts'
import { opsPerSecond } from './measure.ts'
import { dccUtilsVerifier, euReferenceSigner } from './peers.ts'
import { createEs256Signer, encodeHc1, primitives, usePrimitives } from '../../src/hcert/index.ts'
import { webPrimitives } from '../../src/platform/primitives-web.ts'
import type { TrustedKey } from '../../src/hcert/trusted-key.ts'
import type { VerifyOptions } from '../../src/verify/types.ts'
import { verifyCertificate } from '../../src/verify/verify.ts'

const TARGETS = { issueVsSign: 0.45, verifyVsVerify: 0.6, issueVsEuReference: 20, verifyVsDccUtils: 40 }

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    console.log('Usage: certbridge bench [--json] [--quick]\n\nMeasures issue and verify throughput against native ES256 and two peers.')
    return 0
  }
  const json = argv.includes('--json')
  const ms = argv.includes('--quick') ? 250 : 3000
  const peerMs = argv.includes('--quick') ? 250 : 2500
  const keys = benchKeys()
  const signer = createEs256Signer({ privateKeyPem: keys.privateKeyPem, kid: keys.kid })
  const publicKey = await crypto.subtle.importKey('spki', keys.spki, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])
  const trusted: TrustedKey = { kid: keys.kid, publicKey, algorithm: -7, source: 'bench' }
  const resolver = () => [trusted]
  const iat = new Date('2021-07-02T00:00:00Z')
  const exp = new Date('2022-07-02T00:00:00Z')
  const now = new Date('2021-08-01T00:00:00Z')
  const hc1 = await encodeHc1(benchPayload, { signer, iss: 'RU', iat, exp })
  const verifyOnce = async (options: VerifyOptions = {}) => {
    // The pipeline answers a failure instead of throwing: measure only the path that verifies.
    const result = await verifyCertificate({ hc1 }, { keys: resolver, now }, options)
    if (result.status !== 'VALID') throw new Error(`bench certificate does not verify: ${result.status}`)
  }
  const message = new TextEncoder().encode('x'.repeat(300))
  const nativeSignature = sign('sha256', message, { key: keys.privateKey, dsaEncoding: 'ieee-p1363' })

  const log = (line: string) => {
    if (!json) console.log(line)
  }
  log(`primitives: ${primitives().name}; ${ms} ms per measurement, sequential, one core`)
  const signPrimitivePerSec = await opsPerSecond(() => sign('sha256', message, { key: keys.privateKey, dsaEncoding: 'ieee-p1363' }), ms)
  log(`native ES256 sign (node:crypto)     ${signPrimitivePerSec.toFixed(0)}/s`)
  const verifyPrimitivePerSec = await opsPerSecond(
    () => verify('sha256', message, { key: keys.publicKey, dsaEncoding: 'ieee-p1363' }, nativeSignature),
    ms,
  )
  log(`native ES256 verify (node:crypto)   ${verifyPrimitivePerSec.toFixed(0)}/s`)
  const issuePerSec = await opsPerSecond(() => encodeHc1(benchPayload, { signer, iss: 'RU', iat, exp }), ms)
  log(`issue  (payload → HC1)              ${issuePerSec.toFixed(0)}/s`)
  const verifyPerSec = await opsPerSecond(() => verifyOnce(), ms)
  log(`verify (HC1 → verified payload)     ${verifyPerSec.toFixed(0)}/s (schema check included)`)
  const verifyWithoutSchemaPerSec = await opsPerSecond(() => verifyOnce({ schema: false }), ms)
  log(`verify without schema check         ${verifyWithoutSchemaPerSec.toFixed(0)}/s`)

  const previous = primitives()
  usePrimitives(webPrimitives)
  const webSigner = createEs256Signer({ privateKeyPem: keys.privateKeyPem, kid: keys.kid })
  const webIssuePerSec = await opsPerSecond(() => encodeHc1(benchPayload, { signer: webSigner, iss: 'RU', iat, exp }), ms / 2)
  const webVerifyPerSec = await opsPerSecond(() => verifyOnce({ schema: false }), ms / 2)
  usePrimitives(previous)
  log(`web primitives (subtle + pako): issue ${webIssuePerSec.toFixed(0)}/s, verify without schema ${webVerifyPerSec.toFixed(0)}/s`)

  const euSign = euReferenceSigner(keys)
  const iatS = iat.getTime() / 1000
  const expS = exp.getTime() / 1000
  const euReferenceJsSignPerSec = await opsPerSecond(() => euSign(benchPayload, iatS, expS), peerMs)
  log(`peer: EU reference JS sign pipeline ${euReferenceJsSignPerSec.toFixed(0)}/s`)
  const dccVerify = dccUtilsVerifier(keys)
  await dccVerify(hc1) // proves the peer accepts what we issue
  const dccUtilsVerifyPerSec = await opsPerSecond(() => dccVerify(hc1), peerMs)
  log(`peer: dcc-utils verify              ${dccUtilsVerifyPerSec.toFixed(0)}/s`)

  const ratios = {
    issueVsSign: issuePerSec / signPrimitivePerSec,
    verifyVsVerify: verifyPerSec / verifyPrimitivePerSec,
    issueVsEuReference: issuePerSec / euReferenceJsSignPerSec,
    verifyVsDccUtils: verifyPerSec / dccUtilsVerifyPerSec,
  }
  if (json) {
    console.log(
      JSON.stringify(
        {
          issuePerSec: Math.round(issuePerSec),
          verifyPerSec: Math.round(verifyPerSec),
          signPrimitivePerSec: Math.round(signPrimitivePerSec),
          verifyPrimitivePerSec: Math.round(verifyPrimitivePerSec),
          peers: { euReferenceJsSignPerSec: Math.round(euReferenceJsSignPerSec), dccUtilsVerifyPerSec: Math.round(dccUtilsVerifyPerSec) },
          verifyWithoutSchemaPerSec: Math.round(verifyWithoutSchemaPerSec),
          web: { issuePerSec: Math.round(webIssuePerSec), verifyWithoutSchemaPerSec: Math.round(webVerifyPerSec) },
          ratios,
          targets: TARGETS,
        },
        null,
        2,
      ),
    )
  } else {
    console.log('')
    for (const [name, value] of Object.entries(ratios)) {
      const target = TARGETS[name as keyof typeof TARGETS]
      console.log(`${name.padEnd(20)} ${value.toFixed(2)}× (target ≥ ${target}×) ${value >= target ? 'met' : 'MISSED'}`)
    }
    // GDHCN trust lists: canonicalization and proof verification per DEV list (tools/bench/trust-lists.ts)
    const { benchTrustLists, formatTrustListFigures } = await import('./trust-lists.ts')
    const figures = await benchTrustLists(argv.includes('--quick') ? 1 : 5)
    if (figures) console.log(['', ...formatTrustListFigures(figures)].join('\n'))
  }
  return 0
}
