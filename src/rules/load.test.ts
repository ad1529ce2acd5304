import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import { loadRuleSetFromDirectory } from '../runtime/node/rules-dir.ts'
import { parseRuleSet } from './load.ts'
import { makeRule } from './test-rule.ts'

const code = (value: string) => expect.objectContaining({ code: value })

describe('parseRuleSet', () => {
  const valueSets = { 'covid-19-lab-result': ['260373001'] }

  it('types every rule and compresses the value sets', () => {
    const ruleSet = parseRuleSet([{ path: 'XX/VR-XX-0001/rule.json', json: makeRule() }], valueSets)
    expect(ruleSet.rules).toHaveLength(1)
    expect(ruleSet.rules[0]?.Identifier).toBe('VR-XX-0001')
    expect(ruleSet.valueSets).toEqual(valueSets)
  })

  it.each([
    ['a non-object', 'rule'],
    ['an unknown Type', { ...makeRule(), Type: 'Whatever' }],
    ['an unknown CertificateType', { ...makeRule(), CertificateType: 'Vaccine' }],
    ['a version that is not semver', { ...makeRule(), Version: '1.0' }],
    ['another engine', { ...makeRule(), Engine: 'JSONLOGIC' }],
    ['a bad ValidFrom', { ...makeRule(), ValidFrom: '01.06.2021' }],
    ['ValidFrom after ValidTo', { ...makeRule(), ValidFrom: '2031-01-01T00:00:00Z' }],
    ['a lowercase country', { ...makeRule(), Country: 'de' }],
    ['no Logic', { ...makeRule(), Logic: undefined }],
    ['Logic that is not CertLogic', { ...makeRule(), Logic: { frobnicate: [1] } }],
    ['Description without desc', { ...makeRule(), Description: [{ lang: 'en' }] }],
    ['AffectedFields of numbers', { ...makeRule(), AffectedFields: [1] }],
  ])('refuses %s with RULES_INVALID', (_, json) => {
    expect(() => parseRuleSet([{ path: 'XX/R/rule.json', json }], valueSets)).toThrow(code('RULES_INVALID'))
  })

  it('names the file in the error', () => {
    expect(() => parseRuleSet([{ path: 'XX/VR-XX-0009/rule.json', json: {} }], valueSets)).toThrow(/XX\/VR-XX-0009\/rule\.json/)
  })

  it('refuses the same Identifier and Version twice', () => {
    const files = [1, 2].map((n) => ({ path: `XX/${n}/rule.json`, json: makeRule() }))
    expect(() => parseRuleSet(files, valueSets)).toThrow(code('RULES_INVALID'))
  })

  it('refuses Logic nested deeper than the bound', () => {
    let logic: unknown = true
    for (let i = 0; i < 100; i++) logic = { '!': [logic] }
    expect(() => parseRuleSet([{ path: 'XX/R/rule.json', json: { ...makeRule(), Logic: logic } }], valueSets)).toThrow(
      code('RULES_INVALID'),
    )
  })

  it('refuses more rules than the bound with RULES_TOO_LARGE', () => {
    const files = Array.from({ length: 5001 }, (_, n) => ({ path: `XX/${n}/rule.json`, json: makeRule({ Identifier: `R${n}` }) }))
    expect(() => parseRuleSet(files, valueSets)).toThrow(code('RULES_TOO_LARGE'))
  })
})

describe('loadRuleSetFromDirectory', () => {
  it('loads the 194 rules and the value sets of the EU snapshot', async () => {
    const ruleSet = await loadRuleSetFromDirectory(testdataPath('business-rules'))
    expect(ruleSet.rules).toHaveLength(194)
    expect(new Set(ruleSet.rules.map((rule) => rule.Country)).size).toBe(15)
    expect(ruleSet.rules.filter((rule) => rule.Country === 'DE')).toHaveLength(11)
    // The snapshot's IE/TR-EU-0001 folder holds rule TR-IE-0001: the file's own fields are authoritative.
    expect(ruleSet.rules.some((rule) => rule.Identifier === 'TR-IE-0001')).toBe(true)
    expect(ruleSet.valueSets['covid-19-lab-test-type']).toEqual(['LP217198-3', 'LP6464-4'])
  })

  const scratch = mkdtempSync(join(tmpdir(), 'certbridge-rules-'))
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))
  const layout = (name: string, rule: string, valueSets = '{}') => {
    const dir = join(scratch, name)
    mkdirSync(join(dir, 'XX', 'VR-XX-0001'), { recursive: true })
    mkdirSync(join(dir, 'valuesets'), { recursive: true })
    writeFileSync(join(dir, 'XX', 'VR-XX-0001', 'rule.json'), rule)
    writeFileSync(join(dir, 'valuesets', 'valueSets.json'), valueSets)
    return dir
  }

  it('refuses a rule file over the size bound with RULES_TOO_LARGE before parsing it', async () => {
    const rule = JSON.stringify({ ...makeRule(), padding: 'x'.repeat(300 * 1024) })
    await expect(loadRuleSetFromDirectory(layout('big', rule))).rejects.toThrow(code('RULES_TOO_LARGE'))
  })

  it('refuses a file that is not JSON with RULES_INVALID', async () => {
    await expect(loadRuleSetFromDirectory(layout('garbled', '{ "Identifier": '))).rejects.toThrow(code('RULES_INVALID'))
  })

  it('refuses a missing value-set file or directory with RULES_UNREADABLE', async () => {
    const dir = layout('novaluesets', JSON.stringify(makeRule()))
    rmSync(join(dir, 'valuesets', 'valueSets.json'))
    await expect(loadRuleSetFromDirectory(dir)).rejects.toThrow(code('RULES_UNREADABLE'))
    await expect(loadRuleSetFromDirectory(join(scratch, 'absent'))).rejects.toThrow(code('RULES_UNREADABLE'))
  })

  it('loads a small valid directory and ignores folders that are not country codes', async () => {
    const dir = layout(
      'small',
      JSON.stringify(makeRule()),
      readFileSync(testdataPath('business-rules', 'valuesets', 'valueSets.json'), 'utf8'),
    )
    mkdirSync(join(dir, 'schemas'))
    const ruleSet = await loadRuleSetFromDirectory(dir)
    expect(ruleSet.rules.map((rule) => rule.Identifier)).toEqual(['VR-XX-0001'])
    expect(Object.keys(ruleSet.valueSets)).toHaveLength(9)
  })
})
