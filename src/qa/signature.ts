// QA of the signature against the given trust lists: algorithm, kid known, signature valid, then the
// DSC that verified it: its profile (key type and size, country against iss, EU DCC key usages),
// its key usage against the certificate's type, and iat/exp within its validity.
import { certificateType } from '../hcert/certificate-type.ts'
import { checkDscValidity, checkKeyUsage } from '../hcert/checks.ts'
import type { DecodedHcert } from '../hcert/decode.ts'
import { HcertError } from '../hcert/errors.ts'
import { verifySignature } from '../hcert/signature.ts'
import type { KeyResolver, TrustedKey } from '../hcert/trusted-key.ts'
import { toBase64 } from '../platform/bytes.ts'
import { loadX509 } from '../trust/x509.ts'
import { check } from './catalogue.ts'
import type { CheckResult } from './types.ts'

const ES256 = -7
const PS256 = -37

export async function signatureChecks(decoded: DecodedHcert, keys: KeyResolver | undefined): Promise<CheckResult[]> {
  if (!keys) return [check('SIG_TRUST_GIVEN', false, 'no trust list given: the signature was not checked')]
  const checks = [check('SIG_TRUST_GIVEN', true, 'trust lists given')]
  const algOk = decoded.alg === ES256 || decoded.alg === PS256
  checks.push(
    check(
      'SIG_ALGORITHM',
      algOk,
      algOk ? (decoded.alg === ES256 ? 'ES256' : 'PS256') : `COSE algorithm ${String(decoded.alg)} is neither ES256 (-7) nor PS256 (-37)`,
    ),
  )
  if (!algOk) return checks
  const candidates = decoded.kid && decoded.kid.length > 0 ? (await keys(decoded.kid)).filter((key) => key.algorithm === decoded.alg) : []
  if (candidates.length === 0) {
    checks.push(
      check(
        'SIG_KID_KNOWN',
        false,
        decoded.kid?.length ? `no DSC with kid ${toBase64(decoded.kid)} in the trust lists` : 'no kid in the COSE headers',
      ),
    )
    return checks
  }
  checks.push(
    check(
      'SIG_KID_KNOWN',
      true,
      `kid ${toBase64(decoded.kid!)}: ${candidates.length} DSC(s) from ${[...new Set(candidates.map((k) => k.source))].join(', ')}`,
    ),
  )
  let key: TrustedKey
  try {
    key = await verifySignature(decoded, () => candidates)
  } catch (error) {
    checks.push(check('SIG_VALID', false, error instanceof HcertError ? error.message : 'signature does not verify'))
    return checks
  }
  checks.push(check('SIG_VALID', true, `verified by a DSC from ${key.source}`))
  checks.push(await profileCheck(key, decoded.iss))
  const type = certificateType(decoded.payload)
  checks.push(
    attempt(
      'DSC_KEY_USAGE',
      () => checkKeyUsage(key, type),
      key.allowedTypes ? `may sign ${[...key.allowedTypes].join(', ')}` : 'no usage restriction',
    ),
  )
  checks.push(
    attempt(
      'DSC_VALIDITY',
      () => checkDscValidity(decoded, key),
      key.notAfter
        ? `within the DSC's ${key.notBefore?.toISOString().slice(0, 10)} … ${key.notAfter.toISOString().slice(0, 10)}`
        : 'bare key without validity dates',
    ),
  )
  return checks
}

function attempt(code: string, fn: () => void, passed: string): CheckResult {
  try {
    fn()
    return check(code, true, passed)
  } catch (error) {
    return check(code, false, error instanceof Error ? error.message : 'failed')
  }
}

async function profileCheck(key: TrustedKey, iss: string | undefined): Promise<CheckResult> {
  const problems: string[] = []
  const algorithm = key.publicKey.algorithm as { name: string; namedCurve?: string; modulusLength?: number }
  if (algorithm.name === 'ECDSA' && algorithm.namedCurve !== 'P-256') problems.push(`curve ${algorithm.namedCurve ?? '?'} (P-256 expected)`)
  if (algorithm.name.startsWith('RSA') && (algorithm.modulusLength ?? 0) < 2048)
    problems.push(`RSA key of ${algorithm.modulusLength ?? '?'} bits (2048 at least)`)
  let country = key.country
  if (key.der) {
    const x509 = await loadX509()
    country = new x509.X509Certificate(key.der as Uint8Array<ArrayBuffer>).subjectName.getField('C')[0]
    if (!country) problems.push('no country (C) in the subject')
  }
  if (country !== undefined && iss !== undefined && country !== iss) problems.push(`DSC country ${country} differs from iss ${iss}`)
  return check('DSC_PROFILE', problems.length === 0, problems.length === 0 ? 'DSC profile as expected' : problems.join('; '))
}
