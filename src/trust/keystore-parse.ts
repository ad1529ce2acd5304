// Reading a key-store document back (from a file, a Workers secret or configuration): a structural
// check with a stable error code, so that a damaged store fails loudly at start-up, not at signing.
// Version 1 stores (before the SCA went offline) carried the CSCA's private key: they are read as
// version 2 without it, and `migrated` says so, so that the caller rewrites the file and tells the
// operator.
import { z } from 'zod'
import { KeyStoreError, type KeyStore } from './keystore-types.ts'

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)))
const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/)
const pem = z.string().includes('-----BEGIN PRIVATE KEY-----')

const dsc = z
  .object({
    kid: base64,
    certificate: base64,
    privateKeyPem: pem.optional(),
    pkcs11Id: z
      .string()
      .regex(/^[0-9a-f]{2,64}$/)
      .optional(),
    state: z.enum(['active', 'retired', 'next']),
    createdAt: isoDate,
    retiredAt: isoDate.optional(),
    notBefore: isoDate,
    notAfter: isoDate,
    usageStart: isoDate.optional(),
    usageEnd: isoDate.optional(),
  })
  .refine((d) => (d.privateKeyPem === undefined) !== (d.pkcs11Id === undefined), {
    message: 'a DSC has either privateKeyPem or pkcs11Id',
    path: ['privateKeyPem'],
  })

const common = {
  country: z.string().regex(/^[A-Z]{2}$/),
  organisation: z.string().min(1).max(64),
  test: z.boolean(),
  issuedDscs: z.number().int().nonnegative(),
  dscs: z.array(dsc),
}

const version2 = z.strictObject({
  version: z.literal(2),
  ...common,
  csca: z.strictObject({ certificate: base64, notBefore: isoDate, notAfter: isoDate }),
})

const version1 = z.object({
  version: z.literal(1),
  ...common,
  csca: z.object({ certificate: base64, privateKeyPem: pem.optional(), notBefore: isoDate, notAfter: isoDate }),
})

const schema = z.discriminatedUnion('version', [version1, version2])

export interface ParsedKeyStore {
  readonly store: KeyStore
  /** What was changed on reading (e.g. the CSCA private key dropped from a version 1 store). */
  readonly migrated?: string
}

export function parseKeyStoreDocument(json: unknown): ParsedKeyStore {
  const result = schema.safeParse(json)
  if (!result.success) {
    // Only the paths of the failing fields are named: never their values (they hold private keys).
    const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || '(root)'))].slice(0, 5).join(', ')
    throw new KeyStoreError('KEYSTORE_INVALID', `The key store document is not valid (${fields}).`)
  }
  const data = result.data
  const { csca, ...rest } = data
  const store: KeyStore = {
    ...rest,
    version: 2,
    csca: { certificate: csca.certificate, notBefore: csca.notBefore, notAfter: csca.notAfter },
  }
  if (store.dscs.filter((d) => d.state === 'active').length !== 1) {
    throw new KeyStoreError('KEYSTORE_INVALID', 'The key store document must have exactly one active DSC.')
  }
  if (data.version === 1) {
    const dropped = 'privateKeyPem' in data.csca && data.csca.privateKeyPem !== undefined
    return {
      store,
      migrated: dropped
        ? 'version 1 key store: the CSCA private key was removed from it (the SCA signs DSCs offline now; see "Joining the trust network" in the README)'
        : 'version 1 key store: upgraded to version 2',
    }
  }
  return { store }
}

export function parseKeyStore(json: unknown): KeyStore {
  return parseKeyStoreDocument(json).store
}

/**
 * A key store given as a setting (CERTBRIDGE_KEYSTORE, e.g. a Workers secret). It cannot be rewritten
 * from here, so a document that still carries the CSCA private key is refused rather than migrated;
 * no error names any part of it (it holds private keys).
 */
export function parseKeyStoreSetting(json: string, name = 'CERTBRIDGE_KEYSTORE'): KeyStore {
  let document: unknown
  try {
    document = JSON.parse(json)
  } catch {
    throw new KeyStoreError('KEYSTORE_INVALID', `${name} is not a JSON document.`)
  }
  const { store, migrated } = parseKeyStoreDocument(document)
  const csca = (document as { csca?: Record<string, unknown> }).csca
  if (migrated && csca && 'privateKeyPem' in csca) {
    throw new KeyStoreError(
      'KEYSTORE_CA_KEY_ONLINE',
      `${name} carries the CSCA private key, which must stay offline: migrate the file with \`certbridge keys list --data-dir <dir>\` and set ${name} again from it.`,
    )
  }
  return store
}
