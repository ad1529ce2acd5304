// Semantic versions of rules ('1.0.10' is newer than '1.0.9'), compared by semver 2.0.0 precedence:
// numeric major.minor.patch, then a release is newer than its pre-releases, whose dot-separated
// identifiers compare numerically when numeric and in ASCII order otherwise. Build metadata is ignored.
import { RulesError } from './errors.ts'

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/

export interface SemVer {
  readonly major: number
  readonly minor: number
  readonly patch: number
  readonly prerelease: readonly string[]
}

/** Parses a semantic version, or returns undefined when the text is not one. */
export function parseSemVer(text: string): SemVer | undefined {
  const match = SEMVER.exec(text)
  if (!match) return undefined
  const [major, minor, patch] = [match[1], match[2], match[3]].map(Number)
  if (![major, minor, patch].every((n) => Number.isSafeInteger(n))) return undefined
  return {
    major: major as number,
    minor: minor as number,
    patch: patch as number,
    prerelease: match[4] === undefined ? [] : match[4].split('.'),
  }
}

/** Negative when a < b, positive when a > b, 0 when they have the same precedence. */
export function compareSemVer(a: SemVer, b: SemVer): number {
  if (a.major !== b.major) return a.major - b.major
  if (a.minor !== b.minor) return a.minor - b.minor
  if (a.patch !== b.patch) return a.patch - b.patch
  return comparePrerelease(a.prerelease, b.prerelease)
}

function comparePrerelease(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compareIdentifier(a[i] as string, b[i] as string)
    if (order !== 0) return order
  }
  return a.length - b.length
}

function compareIdentifier(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a)
  const bNumeric = /^\d+$/.test(b)
  if (aNumeric && bNumeric) return Number(a) - Number(b)
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

/** Compares two version strings that are known to parse (parseRuleSet checks every rule's Version). */
export function compareVersionText(a: string, b: string): number {
  const left = parseSemVer(a)
  const right = parseSemVer(b)
  if (!left || !right) throw new RulesError('RULES_INVALID', 'a rule version is not a semantic version')
  return compareSemVer(left, right)
}
