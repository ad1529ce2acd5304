// Test support for verification: fresh ES256 keys as trusted keys, signed HC1s, a schema-valid
// payload from the public conformance data, and a tiny rule set.
import { readFileSync } from 'node:fs'
import { createEs256Signer } from '../../src/platform/primitives.ts'
import { issueHc1 } from '../../src/hcert/encode.ts'
import type { Signer } from '../../src/platform/signer.ts'
import type { Rule, RuleSet } from '../../src/rules/types.ts'
import { toPem } from '../../src/platform/bytes.ts'
import type { CertificateType } from '../../src/hcert/certificate-type.ts'
import type { TrustedKey } from '../../src/hcert/trusted-key.ts'
import { testdataPath } from '../shared.ts'

export interface TestKey {
  readonly signer: Signer
  readonly key: TrustedKey
}

export async function testKey(
  options: Partial<Pick<TrustedKey, 'country' | 'notBefore' | 'notAfter' | 'source'>> & { allowedTypes?: CertificateType[] } = {},
): Promise<TestKey> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey))
  const kid = crypto.getRandomValues(new Uint8Array(8))
  const signer = createEs256Signer({ privateKeyPem: toPem('PRIVATE KEY', pkcs8), kid })
  const key: TrustedKey = {
    kid,
    publicKey: pair.publicKey,
    algorithm: -7,
    source: options.source ?? 'test',
    ...(options.country ? { country: options.country } : {}),
    ...(options.notBefore ? { notBefore: options.notBefore } : {}),
    ...(options.notAfter ? { notAfter: options.notAfter } : {}),
    ...(options.allowedTypes ? { allowedTypes: new Set(options.allowedTypes) } : {}),
  }
  return { signer, key }
}

export const resolverOf =
  (...keys: TrustedKey[]) =>
  (kid: Uint8Array) =>
    keys.filter((k) => k.kid.length === kid.length && k.kid.every((b, i) => b === kid[i]))

/** The payload of a conformance vector (schema-valid), e.g. DE/2DCode/raw/1.json (a vaccination). */
export function vectorPayload(file = 'DE/2DCode/raw/1.json'): Record<string, unknown> {
  return JSON.parse(readFileSync(testdataPath('dgc-testdata', file), 'utf8')).JSON
}

export async function signed(
  payload: unknown,
  signer: Signer,
  times: { iat: Date; exp: Date },
  iss = 'DE',
): Promise<{ hc1: string; signature: Uint8Array }> {
  return issueHc1(payload, { signer, iss, iat: times.iat, exp: times.exp })
}

/** A rule set with one DE acceptance rule: a vaccination must be complete (dn ≥ sd). */
export function fullVaccinationRules(): RuleSet {
  const rule: Rule = {
    Identifier: 'VR-DE-9001',
    Type: 'Acceptance',
    Country: 'DE',
    Version: '1.0.0',
    SchemaVersion: '1.0.0',
    Engine: 'CERTLOGIC',
    EngineVersion: '0.7.5',
    CertificateType: 'Vaccination',
    Description: [{ lang: 'en', desc: 'The vaccination course must be complete.' }],
    ValidFrom: '2021-01-01T00:00:00Z',
    ValidTo: '2030-01-01T00:00:00Z',
    AffectedFields: ['v.0.dn', 'v.0.sd'],
    Logic: { '>=': [{ var: 'payload.v.0.dn' }, { var: 'payload.v.0.sd' }] },
  }
  return { rules: [rule], valueSets: {} }
}
