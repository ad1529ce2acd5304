// A verification result as a few readable lines (the CLI's default output): status, type, issuer and
// the trust list of its DSC, validity, revocation, and each business rule with its result. It shows
// no personal data: the payload is only in the JSON output.
import type { VerificationResult } from './types.ts'

const day = (iso: string | undefined) => (iso ? iso.replace('.000Z', 'Z') : 'unknown')

export function formatSummary(result: VerificationResult): string {
  const lines: string[] = []
  const row = (label: string, text: string) => lines.push(`${`${label}:`.padEnd(12)}${text}`)
  row('Status', `${result.status}: ${result.statusText}`)
  if (result.detail) row('Detail', result.detail)
  if (result.type) row('Type', result.type)
  if (result.issuer) {
    const { iss, kid, source, country } = result.issuer
    const signer = source ? `DSC from trust list ${source}${country ? `, country ${country}` : ''}` : 'no trusted DSC'
    row('Issuer', `${iss ?? 'unknown country'} (kid ${kid ?? 'none'}), ${signer}`)
  }
  if (result.payload !== undefined) {
    row('Signature', result.verified ? 'verified' : 'NOT verified: the decoded contents are untrusted')
  }
  if (result.iat || result.exp) row('Validity', `issued ${day(result.iat)}, expires ${day(result.exp)}`)
  row('Clock', day(result.clock))
  if (result.revocation) {
    const { checked, hashTypes, revokedBy } = result.revocation
    row(
      'Revocation',
      !checked ? 'not checked' : revokedBy ? `REVOKED (listed by its ${revokedBy} hash)` : `not revoked (checked ${hashTypes.join(', ')})`,
    )
  }
  if (result.rules) {
    const { country, results } = result.rules
    const failed = results.filter((r) => r.result !== 'PASS').length
    row('Rules', `${country}: ${results.length} selected, ${results.length - failed} passed, ${failed} not passed`)
    for (const rule of results) {
      lines.push(`  ${rule.result.padEnd(4)} ${rule.identifier} (${rule.type}, ${rule.country} ${rule.version}): ${rule.description}`)
    }
  }
  return lines.join('\n')
}
