// Which kind of certificate a DCC payload is: exactly one of v (vaccination), t (test), r (recovery).

/** The three kinds of EU DCC. The one definition: trust (key usage), payload, rules and issuance use it. */
export type CertificateType = 'vaccination' | 'test' | 'recovery'

const GROUPS: ReadonlyArray<readonly [string, CertificateType]> = [
  ['v', 'vaccination'],
  ['t', 'test'],
  ['r', 'recovery'],
]

/** The payload's type, or undefined when it has none or more than one of v/t/r. */
export function certificateType(payload: unknown): CertificateType | undefined {
  if (payload === null || typeof payload !== 'object') return undefined
  let found: CertificateType | undefined
  for (const [key, type] of GROUPS) {
    const group = (payload as Record<string, unknown>)[key]
    if (group === undefined) continue
    if (!Array.isArray(group) || group.length === 0 || found !== undefined) return undefined
    found = type
  }
  return found
}
