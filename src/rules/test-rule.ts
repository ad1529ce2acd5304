// Test helper: a minimal valid rule, with fields overridden per test.
import type { Rule } from './types.ts'

export function makeRule(overrides: Partial<Rule> = {}): Rule {
  return {
    Identifier: 'VR-XX-0001',
    Type: 'Acceptance',
    Country: 'XX',
    Version: '1.0.0',
    SchemaVersion: '1.0.0',
    Engine: 'CERTLOGIC',
    EngineVersion: '0.7.5',
    CertificateType: 'Vaccination',
    Description: [{ lang: 'en', desc: 'test rule' }],
    ValidFrom: '2021-06-01T00:00:00Z',
    ValidTo: '2030-06-01T00:00:00Z',
    AffectedFields: ['v.0.dn'],
    Logic: true,
    ...overrides,
  }
}
