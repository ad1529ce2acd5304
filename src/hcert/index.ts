// src/hcert/ (floor: codec): HC1 text to DCC payload and back, one stage per file, and the checks a
// verifier runs on a decoded certificate against a key resolver. It imports the platform only.
// The HCERT codec (eu-dcc-hcert-spec 1.0.8). The one verification pipeline that strings its checks
// together with schema, revocation and business rules is src/verify/verify.ts.
export { decodeHc1, decodeCose } from './decode.ts'
export type { DecodedHcert } from './decode.ts'
export { encodeHc1, issueHc1, signCose } from './encode.ts'
export type { EncodeOptions } from './encode.ts'
export { certificateType } from './certificate-type.ts'
export type { CertificateType } from './certificate-type.ts'
export type { KeyResolver, TrustedKey } from './trusted-key.ts'
export { HcertError } from './errors.ts'
export type { HcertErrorCode } from './errors.ts'
export type { Signer, CoseAlgorithm } from '../platform/signer.ts'
export { createEs256Signer, primitives, usePrimitives } from '../platform/primitives.ts'
export type { Primitives } from '../platform/primitives.ts'
export { computeKid } from './kid.ts'
export { MAX_HC1_LENGTH, MAX_INFLATED_BYTES, MAX_CBOR_DEPTH } from './limits.ts'
