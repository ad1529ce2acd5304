// The "HC1:" context identifier in front of every EU DCC QR text.
import { HcertError } from './errors.ts'
import { MAX_HC1_LENGTH } from './limits.ts'

export const HC1_PREFIX = 'HC1:'

/** Returns the base45 text after "HC1:". Leading/trailing whitespace is tolerated, as scanners add it. */
export function stripPrefix(text: string): string {
  if (typeof text !== 'string') throw new HcertError('HCERT_PREFIX', 'input is not a string')
  if (text.length > MAX_HC1_LENGTH) throw new HcertError('HCERT_TOO_LARGE', `HC1 text longer than ${MAX_HC1_LENGTH} characters`)
  const trimmed = text.trim()
  if (!trimmed.startsWith(HC1_PREFIX)) throw new HcertError('HCERT_PREFIX', 'missing HC1: prefix')
  return trimmed.slice(HC1_PREFIX.length)
}

export function addPrefix(base45: string): string {
  return HC1_PREFIX + base45
}
