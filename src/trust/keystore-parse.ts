// Reading a key-store document back (from a file, a Workers secret or configuration): a structural
// check with a stable error code, so that a damaged store fails loudly at start-up, not at signing.
import { z } from 'zod'
import { KeyStoreError, type KeyStore } from './keystore.ts'

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)))
const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/)
const pem = z.string().includes('-----BEGIN PRIVATE KEY-----')

const schema = z.object({
  version: z.literal(1),
  country: z.string().regex(/^[A-Z]{2}$/),
  organisation: z.string().min(1).max(64),
  test: z.boolean(),
  csca: z.object({ certificate: base64, privateKeyPem: pem, notBefore: isoDate, notAfter: isoDate }),
  issuedDscs: z.number().int().nonnegative(),
  dscs: z.array(
    z.object({
      kid: base64,
      certificate: base64,
      privateKeyPem: pem,
      state: z.enum(['active', 'retired']),
      createdAt: isoDate,
      retiredAt: isoDate.optional(),
      notBefore: isoDate,
      notAfter: isoDate,
    }),
  ),
})

export function parseKeyStore(json: unknown): KeyStore {
  const result = schema.safeParse(json)
  if (!result.success) {
    // Only the paths of the failing fields are named: never their values (they hold private keys).
    const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || '(root)'))].slice(0, 5).join(', ')
    throw new KeyStoreError('KEYSTORE_INVALID', `The key store document is not valid (${fields}).`)
  }
  const store = result.data as KeyStore
  if (store.dscs.filter((d) => d.state === 'active').length !== 1) {
    throw new KeyStoreError('KEYSTORE_INVALID', 'The key store document must have exactly one active DSC.')
  }
  return store
}
