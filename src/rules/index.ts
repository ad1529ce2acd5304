// src/rules/ (floor: rules): EU business rules (CertLogic), value sets and acceptance over time. It
// imports the platform, the codec and the payload only.
// Business rules (CertLogic) for verification. Web APIs only; the Node directory loader is
// src/runtime/node/rules-dir.ts, imported separately so that Workers bundles never see node:fs.
export { checkBusinessRules, type CheckInput } from './check.ts'
export { RulesError, type RulesErrorCode } from './errors.ts'
export { certLogicData, englishDescription, evaluateRule, evaluateRules } from './evaluate.ts'
export type { CertLogicData, RulesContext } from './evaluate.ts'
export * as limits from './limits.ts'
export { parseRuleSet, type RuleFile } from './load.ts'
export { parseRule } from './parse-rule.ts'
export { selectRules, type RuleSelection } from './select.ts'
export { compareSemVer, parseSemVer, type SemVer } from './semver.ts'
export type * from './types.ts'
export { compressValueSets, noValueSets } from './valuesets.ts'
