// The verification pipeline: HC1 text → one status from the taxonomy (status.ts) with everything that
// could be learnt on the way. The checks run in this order and the first failure decides the status:
//
//   decode (prefix, base45, zlib, CBOR, COSE, CWT) → signature against the trusted keys of the kid →
//   key usage of the DSC → expiry and DSC validity at the clock → EU DCC schema → revocation lists →
//   business rules of the arrival country (and the issuing country's invalidation rules) → VALID
//
// Bad input never throws: a certificate that cannot be verified is an answer, not an error. What was
// decoded is still returned (e.g. the payload of a certificate whose signer is unknown), with
// `verified: false` while the signature has not been checked against a trusted key.
import { VerifyError } from './errors.ts'
import { certificateType } from '../hcert/certificate-type.ts'
import { DEFAULT_SKEW_SECONDS, checkDscValidity, checkExpiry, checkKeyUsage } from '../hcert/checks.ts'
import { decodeHc1, type DecodedHcert } from '../hcert/decode.ts'
import { HcertError } from '../hcert/errors.ts'
import { checkSchema } from '../dcc/check-schema.ts'
import { verifySignature } from '../hcert/signature.ts'
import type { RevocationHashType } from '../revocation/hashes.ts'
import { checkBusinessRules } from '../rules/check.ts'
import { toBase64 } from '../platform/bytes.ts'
import type { TrustedKey } from '../hcert/trusted-key.ts'
import { certificateIdentifier, dateOfSeconds } from './payload-fields.ts'
import { statusText, type VerificationStatus } from './status.ts'
import type { RevocationCheck, RevocationLookup, VerificationResult, VerifyDeps, VerifyOptions } from './types.ts'

type Draft = { -readonly [K in keyof VerificationResult]?: VerificationResult[K] }

function finish(status: VerificationStatus, draft: Draft, detail?: string): VerificationResult {
  return {
    status,
    statusText: statusText(status),
    ...(detail !== undefined && detail !== '' ? { detail } : {}),
    verified: draft.verified ?? false,
    clock: draft.clock!,
    ...draft,
  }
}

/** A failed check: codec errors become their status; anything else is a fault of the caller or a bug. */
function failed(error: unknown, draft: Draft): VerificationResult {
  if (error instanceof HcertError) return finish(error.code, draft, error.message)
  throw error
}

function decodedFields(decoded: DecodedHcert): Draft {
  const iat = dateOfSeconds(decoded.iat)
  const exp = dateOfSeconds(decoded.exp)
  const type = certificateType(decoded.payload)
  return {
    payload: decoded.payload,
    ...(type ? { type } : {}),
    issuer: {
      ...(decoded.iss !== undefined ? { iss: decoded.iss } : {}),
      ...(decoded.kid !== undefined ? { kid: toBase64(decoded.kid) } : {}),
    },
    ...(iat ? { iat: iat.toISOString() } : {}),
    ...(exp ? { exp: exp.toISOString() } : {}),
  }
}

function lookupOf(revocation: NonNullable<VerifyDeps['revocation']>): RevocationLookup {
  return typeof revocation === 'function' ? revocation : (input) => revocation.match(input)
}

async function checkRevocation(decoded: DecodedHcert, key: TrustedKey, lookup: RevocationLookup): Promise<RevocationCheck> {
  const uvci = certificateIdentifier(decoded.payload)
  const hashTypes: RevocationHashType[] = []
  if (uvci !== undefined) hashTypes.push('UCI')
  if (uvci !== undefined && decoded.iss !== undefined) hashTypes.push('COUNTRYCODEUCI')
  hashTypes.push('SIGNATURE')
  const revokedBy = await lookup({
    signature: decoded.cose.signature,
    algorithm: key.algorithm,
    ...(uvci !== undefined ? { uvci } : {}),
    ...(decoded.iss !== undefined ? { country: decoded.iss } : {}),
  })
  return { checked: true, hashTypes, ...(revokedBy ? { revokedBy } : {}) }
}

export async function verifyCertificate(
  input: { hc1: string },
  deps: VerifyDeps,
  options: VerifyOptions = {},
): Promise<VerificationResult> {
  const clock = options.at ?? deps.now
  if (!(clock instanceof Date) || Number.isNaN(clock.getTime())) {
    throw new VerifyError('VERIFY_CLOCK_INVALID', 'The validation clock is not a valid date.')
  }
  if (options.country !== undefined && !deps.rules) {
    throw new VerifyError('RULES_NOT_CONFIGURED', 'An arrival country was given but no business rules are configured.')
  }
  const draft: Draft = { clock: clock.toISOString(), verified: false }

  let decoded: DecodedHcert
  try {
    decoded = decodeHc1(input.hc1)
  } catch (error) {
    if (error instanceof HcertError) return failed(error, draft)
    // The codec wraps its stages' errors; anything else escaping it is still a malformed input.
    return finish('HCERT_CBOR', draft, 'the certificate could not be decoded')
  }
  Object.assign(draft, decodedFields(decoded))

  let key: TrustedKey
  try {
    key = await verifySignature(decoded, deps.keys)
  } catch (error) {
    return failed(error, draft)
  }
  draft.verified = true
  draft.issuer = { ...draft.issuer, source: key.source, ...(key.country ? { country: key.country } : {}) }

  try {
    checkKeyUsage(key, draft.type)
    checkExpiry(decoded, clock, DEFAULT_SKEW_SECONDS)
    checkDscValidity(decoded, key)
    if (options.schema !== false) checkSchema(decoded.payload)
  } catch (error) {
    return failed(error, draft)
  }

  if (deps.revocation) {
    try {
      draft.revocation = await checkRevocation(decoded, key, lookupOf(deps.revocation))
    } catch {
      draft.revocation = { checked: false, hashTypes: [] }
      return finish('REVOCATION_UNAVAILABLE', draft)
    }
    if (draft.revocation.revokedBy) return finish('REVOKED', draft, `listed under the ${draft.revocation.revokedBy} hash`)
  } else {
    draft.revocation = { checked: false, hashTypes: [] }
  }

  if (options.country !== undefined && deps.rules) {
    const country = options.country.toUpperCase()
    const iat = dateOfSeconds(decoded.iat)
    const exp = dateOfSeconds(decoded.exp)
    const verdict = checkBusinessRules(deps.rules, {
      payload: decoded.payload,
      validationClock: clock,
      arrivalCountry: country,
      ...(decoded.iss !== undefined ? { issuerCountry: decoded.iss } : {}),
      ...(iat ? { iat } : {}),
      ...(exp ? { exp } : {}),
      ...(decoded.kid ? { kid: toBase64(decoded.kid) } : {}),
    })
    draft.rules = { country, passed: verdict.passed, results: verdict.results }
    if (!verdict.passed) {
      const failing = verdict.results.filter((r) => r.result !== 'PASS').map((r) => r.identifier)
      return finish('RULES_FAILED', draft, `not passed: ${failing.join(', ')}`)
    }
  }
  return finish('VALID', draft)
}
