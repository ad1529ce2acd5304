// The bridge's signing keys: the DSCs its SCA signed, as real X.509 certificates (ECDSA P-256,
// SHA-256), kept in one JSON-serialisable document with the SCA's certificate. The SCA's private key
// is never in it: the SCA signs DSCs offline (`certbridge keys dsc --ca <participant folder>`,
// keystore-issue.ts), following the GDHCN / EU DCC certificate governance.
//
// DSC lifecycle: each DSC has a private-key usage period (usageStart–usageEnd, 6 months by default).
// DSCs prepared in advance wait as `next`; when the signing DSC's usage period ends, signing moves to
// the next one (signingDsc decides from the clock alone, so a running service moves on without a
// restart). Every DSC stays published until its notAfter, because certificates it signed are valid at
// most until then (the issuer caps `exp` at the DSC's notAfter).
//
// Sandbox stores (createKeyStore) get a throwaway SCA made in memory; it is never serialised, and a
// store read back from a file or secret cannot issue DSCs without the SCA folder.
import { settleKeyStore } from './keystore-signing.ts'
import { createSandboxCa, issueDsc, sameCertificate, storedCsca, type CaSigner, type DscType } from './keystore-issue.ts'
import { loadX509 } from './x509.ts'
import { CSCA_VALIDITY_DAYS, DSC_USAGE_DAYS, KeyStoreError, type KeyStore, type KeyStoreOptions, type StoredDsc } from './keystore-types.ts'

export * from './keystore-types.ts'
export {
  activeDsc,
  attachExternalSigner,
  externalSigner,
  publishedDscs,
  signingDsc,
  settleKeyStore,
  usageOverdue,
  type ActiveDsc,
  type ExternalSignerFactory,
} from './keystore-signing.ts'
export type { CaSigner, DscType } from './keystore-issue.ts'

const DAY = 86_400_000

function checkOptions(options: Pick<KeyStoreOptions, 'country' | 'organisation' | 'now'>): void {
  if (!/^[A-Z]{2}$/.test(options.country))
    throw new KeyStoreError('KEYSTORE_CONFIG_INVALID', 'The country must be an ISO 3166-1 alpha-2 code in capitals.')
  if (!options.organisation.trim() || options.organisation.length > 64)
    throw new KeyStoreError('KEYSTORE_CONFIG_INVALID', 'The organisation must be 1 to 64 characters.')
  if (Number.isNaN(options.now.getTime())) throw new KeyStoreError('KEYSTORE_CONFIG_INVALID', 'The creation time is not a valid date.')
}

/** Sandbox SCAs, in memory only, by the store object they made (never serialised). */
const sandboxCas = new WeakMap<KeyStore, CaSigner>()

/** Forgets the in-memory sandbox SCA of a store, so that nothing keeps its private key any longer. */
export function releaseSandboxCa(store: KeyStore): void {
  sandboxCas.delete(store)
}

export interface DscOptions {
  readonly now: Date
  /** DSC validity in days (default 2 years, cut at the SCA's notAfter). */
  readonly days?: number
  /** Private-key usage period in days (default DSC_USAGE_DAYS). */
  readonly usageDays?: number
  readonly types?: readonly DscType[]
  /** A key pair made in a PKCS#11 token: the SCA certifies this public key; the store keeps the id. */
  readonly external?: { readonly publicKey: CryptoKey; readonly pkcs11Id: string }
}

function usageWindow(start: Date, usageDays: number, notAfter: string): { usageStart: string; usageEnd: string } {
  if (!Number.isInteger(usageDays) || usageDays < 1)
    throw new KeyStoreError('KEYSTORE_CONFIG_INVALID', 'The DSC usage period must be a whole number of days, at least 1.')
  const end = Math.min(start.getTime() + usageDays * DAY, new Date(notAfter).getTime())
  return { usageStart: start.toISOString(), usageEnd: new Date(end).toISOString() }
}

async function newDsc(
  store: Omit<KeyStore, 'dscs'>,
  ca: CaSigner,
  options: DscOptions,
  state: StoredDsc['state'],
  usageFrom: Date,
): Promise<StoredDsc> {
  if (!sameCertificate(ca, store.csca)) {
    throw new KeyStoreError(
      'KEYSTORE_CA_MISMATCH',
      'This SCA is not the one the key store was made with; a new SCA needs a new key store (see README, "Joining the trust network").',
    )
  }
  const issued = await issueDsc(ca, {
    country: store.country,
    organisation: store.organisation,
    test: store.test,
    sequence: store.issuedDscs + 1,
    now: options.now,
    days: options.days,
    types: options.types,
    ...(options.external ? { publicKey: options.external.publicKey } : {}),
  })
  const start = new Date(Math.max(usageFrom.getTime(), new Date(issued.notBefore).getTime()))
  return {
    ...issued,
    ...(options.external ? { pkcs11Id: options.external.pkcs11Id } : {}),
    state,
    createdAt: options.now.toISOString(),
    ...usageWindow(start, options.usageDays ?? DSC_USAGE_DAYS, issued.notAfter),
  }
}

/** A new key store whose first DSC, active, is signed by the given SCA. */
export async function createKeyStoreWithCa(
  ca: CaSigner,
  options: DscOptions & { organisation?: string; test: boolean; country?: string },
): Promise<KeyStore> {
  const csca = await storedCsca(ca.certificate)
  const x509 = await loadX509()
  const subject = new x509.X509Certificate(ca.certificate as Uint8Array<ArrayBuffer>).subjectName
  // The DSCs carry the SCA's country and, unless told otherwise, its organisation.
  const country = options.country ?? subject.getField('C')[0] ?? ''
  const organisation = options.organisation ?? subject.getField('O')[0] ?? 'certbridge'
  checkOptions({ country, organisation, now: options.now })
  const base = { version: 2 as const, country, organisation: organisation.trim(), test: options.test, csca, issuedDscs: 0 }
  return { ...base, issuedDscs: 1, dscs: [await newDsc(base, ca, options, 'active', options.now)] }
}

/** A new sandbox key store: a throwaway SCA (kept in memory only) and one active DSC. */
export async function createKeyStore(options: KeyStoreOptions): Promise<KeyStore> {
  checkOptions(options)
  const organisation = options.organisation.trim()
  const ca = await createSandboxCa(options.country, organisation, options.now, CSCA_VALIDITY_DAYS, options.test)
  const store = await createKeyStoreWithCa(ca, { organisation, test: options.test, country: options.country, now: options.now })
  sandboxCas.set(store, ca)
  return store
}

function keep(store: KeyStore, next: KeyStore): KeyStore {
  const ca = sandboxCas.get(store)
  if (ca) sandboxCas.set(next, ca)
  return next
}

/** Where the next prepared DSC's usage starts: after the last one queued (or now). */
function queueEnd(store: KeyStore, now: Date): Date {
  const ends = store.dscs.filter((d) => d.state !== 'retired' && d.usageEnd).map((d) => new Date(d.usageEnd!).getTime())
  return new Date(Math.max(now.getTime(), ...ends))
}

/**
 * Adds a DSC signed by the SCA (offline): the active one when the store has no DSC still signing,
 * otherwise a `next` one prepared in advance, whose usage period starts when the last queued one ends.
 */
export async function addDsc(store: KeyStore, ca: CaSigner, options: DscOptions): Promise<KeyStore> {
  const settled = settle(store, options.now)
  const hasSigner = settled.dscs.some((d) => d.state === 'active' && new Date(d.notAfter) > options.now)
  const dsc = hasSigner
    ? await newDsc(settled, ca, options, 'next', queueEnd(settled, options.now))
    : await newDsc(settled, ca, options, 'active', options.now)
  const dscs = hasSigner
    ? settled.dscs
    : settled.dscs.map((d): StoredDsc => (d.state === 'active' ? { ...d, state: 'retired', retiredAt: options.now.toISOString() } : d))
  return keep(store, { ...settled, issuedDscs: settled.issuedDscs + 1, dscs: [...dscs, dsc] })
}

function settle(store: KeyStore, now: Date): KeyStore {
  try {
    return settleKeyStore(store, now)
  } catch (error) {
    if (error instanceof KeyStoreError && error.code === 'KEYSTORE_DSC_EXPIRED') return store
    throw error
  }
}

/**
 * Rotation now: the first DSC prepared in advance becomes active when there is one; otherwise the SCA
 * (the `ca` given, or a sandbox store's in-memory SCA) signs a new active DSC. Either way the previous
 * one is retired and stays published until its notAfter; retired DSCs past their notAfter are dropped.
 */
export async function rotateKeyStore(store: KeyStore, now: Date, ca?: CaSigner, options: Omit<DscOptions, 'now'> = {}): Promise<KeyStore> {
  const settled = settle(store, now)
  const retire = (d: StoredDsc): StoredDsc =>
    d.state === 'active' ? { ...d, state: 'retired', retiredAt: now.toISOString(), usageEnd: now.toISOString() } : d
  const prepared = settled.dscs.findIndex((d) => d.state === 'next' && new Date(d.notBefore) <= now && new Date(d.notAfter) > now)
  const signer = ca ?? sandboxCas.get(store)
  if (!signer && prepared >= 0) {
    const dscs = settled.dscs.map(
      (d, i): StoredDsc => (i === prepared ? { ...d, state: 'active', usageStart: now.toISOString() } : retire(d)),
    )
    return keep(store, { ...settled, dscs: dscs.filter((d) => new Date(d.notAfter) > now) })
  }
  if (!signer) {
    throw new KeyStoreError(
      'KEYSTORE_CA_REQUIRED',
      'No DSC is prepared in advance: rotation needs the SCA (`certbridge keys rotate --ca <participant folder>`, offline).',
    )
  }
  const next = await newDsc(settled, signer, { ...options, now }, 'active', now)
  const kept = settled.dscs.filter((d) => new Date(d.notAfter) > now).map(retire)
  // DSCs prepared in advance queue up again after the new one.
  let from = new Date(next.usageEnd!)
  const queued = kept.map((d): StoredDsc => {
    if (d.state !== 'next' || !d.usageStart || !d.usageEnd) return d
    const length = new Date(d.usageEnd).getTime() - new Date(d.usageStart).getTime()
    const moved = {
      ...d,
      usageStart: from.toISOString(),
      usageEnd: new Date(Math.min(from.getTime() + length, new Date(d.notAfter).getTime())).toISOString(),
    }
    from = new Date(moved.usageEnd)
    return moved
  })
  const active = queued.filter((d) => d.state !== 'next')
  return keep(store, {
    ...settled,
    issuedDscs: settled.issuedDscs + 1,
    dscs: [...active, next, ...queued.filter((d) => d.state === 'next')],
  })
}
