// What the suite derives from an adapter's fixtures (adapters/_sdk/fixtures.ts: its links and the
// records its sandbox serves).
import type { ContractFixtures } from '../_sdk/fixtures.ts'

export type { ContractFixtures } from '../_sdk/fixtures.ts'

/**
 * Fragments that must never appear in a log line or an error message: the identifiers in the links
 * (any token of 6+ characters holding a digit), and the masks and document masks of the records.
 */
export function sensitiveFragments(fixtures: ContractFixtures): string[] {
  const fragments = new Set<string>()
  const texts = [
    ...fixtures.links.valid.map((l) => l.text),
    ...fixtures.links.forged.map((l) => l.text),
    ...fixtures.records.map((r) => r.qr),
    fixtures.faultProbe,
  ]
  for (const text of texts) {
    for (const token of text.split(/[^\p{L}\p{N}-]+/u)) {
      if (token.length >= 6 && /\d/.test(token) && !token.toLowerCase().startsWith('xn--')) fragments.add(token)
    }
  }
  for (const { expected } of fixtures.records) {
    if ('code' in expected) continue
    const id = expected.sourceRef.split(':').pop()
    if (id && id.length >= 6) fragments.add(id)
    const { identity, shown } = expected.holder
    const name = shown.name
    if (name?.form === 'masked') for (const word of [...name.words, ...(name.latinWords ?? [])]) if (word.length >= 3) fragments.add(word)
    if (shown.documentMask) fragments.add(shown.documentMask)
    // The registered identity is personal data: none of it may leak either.
    for (const part of [
      identity.familyName,
      identity.givenName,
      identity.patronymic,
      identity.latin?.familyName,
      identity.latin?.givenName,
    ]) {
      if (part !== undefined && part.length >= 4) fragments.add(part)
    }
    if (identity.dateOfBirth.length === 10) fragments.add(identity.dateOfBirth)
  }
  return [...fragments]
}
