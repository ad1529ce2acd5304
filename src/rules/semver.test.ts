import { describe, expect, it } from 'vitest'
import { RulesError } from './errors.ts'
import { compareSemVer, compareVersionText, parseSemVer } from './semver.ts'

const sign = (a: string, b: string) => Math.sign(compareVersionText(a, b))

describe('semantic versions of rules', () => {
  it('compares numerically, not as strings', () => {
    expect(sign('1.0.10', '1.0.9')).toBe(1)
    expect(sign('1.10.0', '1.9.9')).toBe(1)
    expect(sign('10.0.0', '9.0.0')).toBe(1)
    expect(sign('1.0.0', '1.0.0')).toBe(0)
    expect(sign('0.9.0', '1.0.0')).toBe(-1)
  })

  it('orders pre-releases before their release, per semver 2.0.0', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
    ]
    for (let i = 1; i < ordered.length; i++) expect(sign(ordered[i] as string, ordered[i - 1] as string)).toBe(1)
  })

  it('ignores build metadata', () => {
    expect(sign('1.0.0+build.5', '1.0.0')).toBe(0)
  })

  it('refuses what is not a semantic version', () => {
    for (const text of ['1.0', '1.0.0.0', '01.0.0', 'v1.0.0', '', '1.0.x']) expect(parseSemVer(text)).toBeUndefined()
    expect(() => compareVersionText('1.0', '1.0.0')).toThrow(RulesError)
    try {
      compareVersionText('1.0', '1.0.0')
    } catch (error) {
      expect((error as RulesError).code).toBe('RULES_INVALID')
    }
  })

  it('exposes the parsed parts', () => {
    const version = parseSemVer('2.3.4-rc.1')
    expect(version).toEqual({ major: 2, minor: 3, patch: 4, prerelease: ['rc', '1'] })
    expect(compareSemVer(version!, parseSemVer('2.3.4')!)).toBeLessThan(0)
  })
})
