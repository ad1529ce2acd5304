import { describe, expect, it } from 'vitest'
import { formatSummary } from './summary.ts'
import { STATUSES } from './status.ts'

describe('formatSummary', () => {
  it('shows status, issuer and trust list, validity, revocation and every rule, but no payload', () => {
    const text = formatSummary({
      status: 'RULES_FAILED',
      statusText: STATUSES.RULES_FAILED,
      detail: 'not passed: VR-XX-0002',
      verified: true,
      clock: '2021-10-15T12:00:00.000Z',
      payload: { nam: { fn: 'Secret' } },
      type: 'test',
      issuer: { iss: 'XX', kid: 'AAAAAAAAAAA=', source: 'DE', country: 'XX' },
      iat: '2021-10-14T00:00:00.000Z',
      exp: '2021-10-17T00:00:00.000Z',
      revocation: { checked: true, hashTypes: ['UCI', 'SIGNATURE'] },
      rules: {
        country: 'XX',
        passed: false,
        results: [
          { identifier: 'VR-XX-0001', type: 'Acceptance', country: 'XX', version: '1.0.0', description: 'One.', result: 'PASS' },
          {
            identifier: 'VR-XX-0002',
            type: 'Invalidation',
            country: 'XX',
            version: '2.1.0',
            description: 'Two.',
            result: 'OPEN',
            reason: 'EVALUATION_ERROR',
          },
        ],
      },
    })
    expect(text.split('\n')).toEqual([
      `Status:     RULES_FAILED: ${STATUSES.RULES_FAILED}`,
      'Detail:     not passed: VR-XX-0002',
      'Type:       test',
      'Issuer:     XX (kid AAAAAAAAAAA=), DSC from trust list DE, country XX',
      'Signature:  verified',
      'Validity:   issued 2021-10-14T00:00:00Z, expires 2021-10-17T00:00:00Z',
      'Clock:      2021-10-15T12:00:00Z',
      'Revocation: not revoked (checked UCI, SIGNATURE)',
      'Rules:      XX: 2 selected, 1 passed, 1 not passed',
      '  PASS VR-XX-0001 (Acceptance, XX 1.0.0): One.',
      '  OPEN VR-XX-0002 (Invalidation, XX 2.1.0): Two.',
    ])
    expect(text).not.toContain('Secret')
  })
})
