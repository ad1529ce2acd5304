// The `eu-dcc` behaviour of issuance: a QR text that is already an EU DCC ("HC1:", e.g. Vietnam's
// vaccine passport or Ukraine's Diia certificate) is not re-issued. It is verified against the
// configured trust lists and answered with the verification result and a plain statement.
import { HC1_PREFIX } from '../hcert/prefix.ts'
import type { VerificationResult, VerifyDeps, VerifyOptions } from './types.ts'
import { verifyCertificate } from './verify.ts'

export const ALREADY_EU_DCC_MESSAGE = 'This certificate is already an EU Digital COVID Certificate; it needs no conversion.'

export interface AlreadyEuDcc {
  readonly outcome: 'ALREADY_EU_DCC'
  readonly message: typeof ALREADY_EU_DCC_MESSAGE
  readonly verification: VerificationResult
}

/** True when the QR text is an EU DCC (starts with "HC1:" after surrounding whitespace). */
export function isEuDccText(text: string): boolean {
  return text.trimStart().startsWith(HC1_PREFIX)
}

export async function alreadyEuDcc(hc1: string, deps: VerifyDeps, options: VerifyOptions = {}): Promise<AlreadyEuDcc> {
  return { outcome: 'ALREADY_EU_DCC', message: ALREADY_EU_DCC_MESSAGE, verification: await verifyCertificate({ hc1 }, deps, options) }
}
