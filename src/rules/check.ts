// One certificate against a rule set: select the rules that apply (select.ts), then evaluate them
// (evaluate.ts). This is what the verifier calls.
import { certificateType } from '../hcert/certificate-type.ts'
import { evaluateRules, type RulesContext } from './evaluate.ts'
import { selectRules } from './select.ts'
import type { RuleSet, RulesVerdict } from './types.ts'

export type CheckInput = Omit<RulesContext, 'valueSets'>

export function checkBusinessRules(ruleSet: RuleSet, input: CheckInput): RulesVerdict {
  const rules = selectRules(ruleSet.rules, {
    arrivalCountry: input.arrivalCountry,
    arrivalRegion: input.arrivalRegion,
    issuerCountry: input.issuerCountry,
    certificateType: certificateType(input.payload),
    clock: input.validationClock,
  })
  return evaluateRules(rules, { ...input, valueSets: ruleSet.valueSets })
}
