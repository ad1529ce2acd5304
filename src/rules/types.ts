// The shape of an EU DCC business rule (dgc-business-rules, rule schema 1.0.0) and what the engine
// answers. Field names are those of the published rule.json files.

export type RuleType = 'Acceptance' | 'Invalidation'

/** The certificate type a rule applies to, in the rule files' spelling; 'General' applies to every type. */
export type RuleCertificateType = 'General' | 'Vaccination' | 'Recovery' | 'Test'

export interface RuleDescription {
  readonly lang: string
  readonly desc: string
}

export interface Rule {
  readonly Identifier: string
  readonly Type: RuleType
  /** ISO 3166-1 alpha-2 of the country that publishes the rule (or 'EU'). */
  readonly Country: string
  /** Semantic version, e.g. '1.0.0'. */
  readonly Version: string
  readonly SchemaVersion: string
  /** 'CERTLOGIC'. */
  readonly Engine: string
  readonly EngineVersion: string
  readonly CertificateType: RuleCertificateType
  readonly Description: readonly RuleDescription[]
  /** ISO date-times: the rule applies when ValidFrom ≤ clock < ValidTo. */
  readonly ValidFrom: string
  readonly ValidTo: string
  readonly AffectedFields: readonly string[]
  /** The CertLogic expression; true means the certificate passes. */
  readonly Logic: unknown
  /** Optional sub-national region of Country. */
  readonly Region?: string
}

/** Value sets in the compressed form CertLogic rules read: value-set id → its codes. */
export type ValueSets = Readonly<Record<string, readonly string[]>>

export interface RuleSet {
  readonly rules: readonly Rule[]
  readonly valueSets: ValueSets
}

/** PASS: the Logic gave true; FAIL: false; OPEN: it could not be evaluated or gave no boolean. */
export type RuleResult = 'PASS' | 'FAIL' | 'OPEN'

/** Why a rule is OPEN; stable codes, never the engine's message (it may quote payload values). */
export type OpenReason = 'EVALUATION_ERROR' | 'NON_BOOLEAN_RESULT'

export interface RuleOutcome {
  readonly identifier: string
  readonly type: RuleType
  readonly country: string
  readonly version: string
  /** The English description, or the first one when there is none in English. */
  readonly description: string
  readonly result: RuleResult
  readonly reason?: OpenReason
}

export interface RulesVerdict {
  /** True when every selected rule passed (an OPEN rule does not pass). */
  readonly passed: boolean
  readonly results: readonly RuleOutcome[]
}
