// What the encoder needs of a signing key: its kid and a raw ES256 signature (r‖s, 64 bytes) over
// the COSE Sig_structure. Key stores hand keys to createEs256Signer in primitives.ts.
export interface Signer {
  readonly kid: Uint8Array
  readonly algorithm: -7
  sign(data: Uint8Array): Promise<Uint8Array>
}

/** COSE algorithm identifiers the verifier supports. */
export type CoseAlgorithm = -7 | -37
export const ES256 = -7
export const PS256 = -37
