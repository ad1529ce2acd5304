// Which DSC signs at a given time, and which are published. Pure functions of the key store and the
// clock: the signing DSC is the first of [active, next…] whose private-key usage period holds `now`;
// when every usage period is over and nothing is prepared, the last DSC still valid goes on signing
// (`certbridge keys list` says so) rather than stopping the service.
import type { Signer } from '../platform/signer.ts'
import { fromBase64 } from '../platform/bytes.ts'
import { KeyStoreError, type KeyStore, type StoredDsc } from './keystore-types.ts'

export interface ActiveDsc {
  readonly kid: Uint8Array
  readonly kidBase64: string
  /** PKCS#8 PEM, or absent when the key is in a PKCS#11 token (pkcs11Id). */
  readonly privateKeyPem?: string
  readonly pkcs11Id?: string
  readonly der: Uint8Array
  readonly notBefore: Date
  readonly notAfter: Date
  /** When this DSC's private-key usage period ends (signing moves to the next prepared DSC). */
  readonly usageEnd?: Date
}

const at = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso).getTime())

function signingOrder(store: KeyStore): StoredDsc[] {
  const active = store.dscs.find((d) => d.state === 'active')
  if (!active)
    throw new KeyStoreError(
      'KEYSTORE_NO_ACTIVE_DSC',
      'The key store has no active DSC; run `certbridge keys dsc --ca <participant folder>`.',
    )
  return [active, ...store.dscs.filter((d) => d.state === 'next')]
}

/** The DSC that signs at `now`. */
export function signingDsc(store: KeyStore, now: Date): StoredDsc {
  const t = now.getTime()
  const order = signingOrder(store)
  const valid = order.filter((d) => at(d.notBefore)! <= t && at(d.notAfter)! > t)
  const inUse = valid.find((d) => (at(d.usageStart) ?? -Infinity) <= t && (at(d.usageEnd) ?? Infinity) > t)
  const chosen = inUse ?? valid.at(-1)
  if (!chosen)
    throw new KeyStoreError('KEYSTORE_DSC_EXPIRED', 'The active DSC has expired; run `certbridge keys dsc --ca <participant folder>`.')
  return chosen
}

/** True when the signing DSC is past its usage period with nothing prepared to take over. */
export function usageOverdue(store: KeyStore, now: Date): boolean {
  const end = at(signingDsc(store, now).usageEnd)
  return end !== undefined && end <= now.getTime()
}

/** The DSC that signs now; with `now`, following the usage periods and refusing an expired one. */
export function activeDsc(store: KeyStore, now?: Date): ActiveDsc {
  const dsc = now ? signingDsc(store, now) : signingOrder(store)[0]!
  return {
    kid: fromBase64(dsc.kid),
    kidBase64: dsc.kid,
    ...(dsc.privateKeyPem ? { privateKeyPem: dsc.privateKeyPem } : {}),
    ...(dsc.pkcs11Id ? { pkcs11Id: dsc.pkcs11Id } : {}),
    der: fromBase64(dsc.certificate),
    notBefore: new Date(dsc.notBefore),
    notAfter: new Date(dsc.notAfter),
    ...(dsc.usageEnd ? { usageEnd: new Date(dsc.usageEnd) } : {}),
  }
}

/** The DSCs to publish at `now`: every one whose notAfter is still ahead (prepared ones in advance). */
export function publishedDscs(store: KeyStore, now: Date): StoredDsc[] {
  return store.dscs.filter((dsc) => new Date(dsc.notAfter) > now)
}

/** The states as of `now`: the signing DSC active, the ones before it retired, the later ones next. */
export function settleKeyStore(store: KeyStore, now: Date): KeyStore {
  const order = signingOrder(store)
  const signing = signingDsc(store, now)
  const index = order.indexOf(signing)
  if (index === 0) return store
  const before = new Set(order.slice(0, index))
  const dscs = store.dscs.map((d): StoredDsc => {
    if (d === signing) return { ...d, state: 'active' }
    if (before.has(d)) return { ...d, state: 'retired', retiredAt: d.usageEnd ?? now.toISOString() }
    return d
  })
  return { ...store, dscs }
}

/** Makes the signer of a DSC whose private key is not in the store (e.g. in a PKCS#11 token). */
export type ExternalSignerFactory = (dsc: ActiveDsc) => Signer | undefined

/** The factories attached to store objects at the Node edge (keystore-file.ts); never serialised. */
const externalSigners = new WeakMap<KeyStore, ExternalSignerFactory>()

export function attachExternalSigner(store: KeyStore, factory: ExternalSignerFactory): void {
  externalSigners.set(store, factory)
}

/** The signer of a DSC whose key lives outside the store, or undefined when the store holds its key. */
export function externalSigner(store: KeyStore, dsc: ActiveDsc): Signer | undefined {
  if (!dsc.pkcs11Id) return undefined
  const signer = externalSigners.get(store)?.(dsc)
  if (!signer)
    throw new KeyStoreError(
      'KEYSTORE_CONFIG_INVALID',
      `The DSC ${dsc.kidBase64} has its private key in a PKCS#11 token, and no token is configured (DATA_DIR/pkcs11.json).`,
    )
  return signer
}
