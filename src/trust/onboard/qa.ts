// The GDHCN onboarding QA checks, re-stated in TypeScript. The WHO runs them with pytest on every
// participant repository (workflow `qa-on-pull-cert.yml`: `scripts/tests/test_certs.py`; folder
// layout: `scripts/tests/test_country_folders.py`). Source: WorldHealthOrganization/
// tng-participant-template, scripts/tests/*.py (the participants' own copy), with the stricter
// validity minimum of WorldHealthOrganization/tng-participants-dev as an option. Each finding names the
// Python test it re-states. Paths are read as common.py reads them: <country>/onboarding/<domain>/
// <group>/<file>; the group is the folder above the file (SCA, TLS, UP), the country is the alpha-3
// folder name, which country mode compares with the C attribute.
import countries from 'i18n-iso-countries'
import * as pkijs from 'pkijs'
import { fromBase64 } from '../../platform/bytes.ts'
import { loadX509, type X509Module } from '../x509.ts'
import { DAY } from './certs.ts'

export interface OnboardingFile {
  /** Path below the country folder, e.g. ['onboarding', 'DCC', 'TLS', 'CA.pem']. */
  readonly path: readonly string[]
  readonly text: string
}

export interface QaFinding {
  /** The Python test re-stated, e.g. 'test_key_usages'. */
  readonly check: string
  readonly file: string
  readonly severity: 'error' | 'warning'
  readonly message: string
}

export interface QaOptions {
  readonly now: Date
  /** Country mode (pytest --country-mode): the alpha-3 name of the country folder. */
  readonly countryFolder?: string
  /** tng-participants-dev's validity_range: minimum strictly above N×365 days (the template: N×365−1). */
  readonly strictValidityMinimum?: boolean
}

// country_flag.py adds these test countries to pycountry (a later entry for the same alpha-2 wins).
const TEST_COUNTRIES: Record<string, string> = {
  XA: 'XXA',
  XB: 'XXB',
  XY: 'XXY',
  XX: 'XXX',
  XL: 'XCL',
  XO: 'XXO',
  XC: 'XXC',
  JA: 'XJA',
  XD: 'XXL',
  XE: 'XXE',
  XG: 'XXG',
  XH: 'XXH',
  XF: 'XXF',
  XJ: 'XXJ',
  XK: 'XXK',
  XI: 'XXI',
  XQ: 'XXQ',
  XN: 'XXN',
  XM: 'XXM',
  XP: 'XXP',
  XS: 'XXS',
  XT: 'XXT',
  XU: 'XXU',
  XV: 'XXV',
  XW: 'XXW',
}

/** The alpha-3 code of an alpha-2 country or GDHCN test country; undefined when unknown. */
export function alpha3(alpha2: string): string | undefined {
  const code = alpha2.toUpperCase()
  return TEST_COUNTRIES[code] ?? countries.alpha2ToAlpha3(code)
}

// signature_algorithm.py: ecdsa-with-SHA256, RSASSA-PSS, dsa-with-SHA256, sha256WithRSAEncryption (legacy).
const ALLOWED_SIGNATURES = ['1.2.840.10045.4.3.2', '1.2.840.113549.1.1.10', '2.16.840.1.101.3.4.3.2', '1.2.840.113549.1.1.11']
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2'
const TEMPLATE_DOMAINS = ['DCC', 'DDCC', 'DIVOC', 'ICAO', 'SHC', 'CRED', 'RACSEL-DDVC', 'IPS', 'IPS-PILGRIMAGE']

type Cert = InstanceType<X509Module['X509Certificate']>

interface Loaded {
  readonly file: string
  readonly group: string
  readonly filename: string
  readonly domain: string
  readonly der?: Uint8Array
  readonly cert?: Cert
  readonly error?: string
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g

function onboardingParts(path: readonly string[]): { domain: string; rest: string[] } | undefined {
  if (path[0]?.toLowerCase() !== 'onboarding' || !path[1] || path[1].startsWith('.')) return undefined
  return { domain: path[1], rest: path.slice(2) }
}

async function loadCertificates(files: readonly OnboardingFile[]): Promise<Loaded[]> {
  const x509 = await loadX509()
  const loaded: Loaded[] = []
  for (const file of files) {
    const parts = onboardingParts(file.path)
    if (!parts || !file.path.at(-1)!.toLowerCase().endsWith('.pem')) continue
    const base = { file: file.path.join('/'), group: file.path.at(-2) ?? '', filename: file.path.at(-1)!, domain: parts.domain }
    const blocks = [...file.text.matchAll(PEM_BLOCK)]
    if (blocks.length === 0) loaded.push({ ...base, error: 'no PEM certificate' })
    for (const block of blocks) {
      try {
        const der = fromBase64(block[1]!.replace(/\s+/g, ''))
        loaded.push({ ...base, der, cert: new x509.X509Certificate(der as Uint8Array<ArrayBuffer>) })
      } catch (error) {
        loaded.push({ ...base, error: error instanceof Error ? error.message : String(error) })
      }
    }
  }
  return loaded
}

/** test_certs.py: the checks on every certificate of every .pem file under onboarding/. */
export async function certificateChecks(files: readonly OnboardingFile[], options: QaOptions): Promise<QaFinding[]> {
  const x509 = await loadX509()
  const findings: QaFinding[] = []
  for (const c of await loadCertificates(files)) {
    const fail = (check: string, message: string, severity: QaFinding['severity'] = 'error') =>
      findings.push({ check, file: c.file, severity, message })
    if (!c.cert || !c.der) {
      fail('test_valid_pem', `not a readable certificate (${c.error})`)
      continue
    }
    const cert = c.cert
    const group = c.group.toUpperCase()
    const tlsCa = group === 'TLS' && c.filename.toUpperCase().startsWith('CA')

    const oid = pkijs.Certificate.fromBER(c.der as Uint8Array<ArrayBuffer>).signatureAlgorithm.algorithmId
    if (!ALLOWED_SIGNATURES.includes(oid)) fail('test_signature_algorithm', `signature algorithm not allowed: ${oid}`)

    const algorithm = cert.publicKey.algorithm as { name: string; namedCurve?: string; modulusLength?: number }
    if (algorithm.name === 'ECDSA' || algorithm.name === 'ECDH') {
      if (!['P-256', 'P-384', 'P-521'].includes(algorithm.namedCurve ?? ''))
        fail('test_key_length', `EC key not long enough: ${algorithm.namedCurve}`)
    } else if (algorithm.name.startsWith('RSA')) {
      if ((algorithm.modulusLength ?? 0) < 3072) fail('test_key_length', `RSA key not long enough: ${algorithm.modulusLength}`)
    } else fail('test_key_length', `unsupported key type ${algorithm.name}`)

    const countryValues = cert.subjectName.getField('C')
    if (countryValues.length !== 1) fail('test_subject_format', `certificate must have 1 C attribute (has ${countryValues.length})`)
    if (options.countryFolder !== undefined) {
      const code = countryValues[0] ? alpha3(countryValues[0]) : undefined
      if (!countryValues[0]) fail('test_country_flag', 'no country attribute found')
      else if (!code) fail('test_country_flag', `unknown country ${countryValues[0]}`)
      else if (code !== options.countryFolder) fail('test_country_flag', `${options.countryFolder} != ${code}`)
    }

    if (cert.notAfter.getTime() < options.now.getTime() + 30 * DAY) fail('test_validity', 'certificate expires in less than 30 days')

    if (!tlsCa) {
      const [min, max] = group === 'SCA' ? [2, 4] : [1, 2]
      const days = (cert.notAfter.getTime() - cert.notBefore.getTime()) / DAY
      const minimum = options.strictValidityMinimum ? min * 365 : min * 365 - 1
      if (!(days > minimum))
        fail('test_validity_range', `${c.group} must be valid for at least ${min} years (is: ${Math.floor(days)} days)`)
      // The template only warns about an SCA beyond 4 years.
      if (!(days < max * 366))
        fail(
          'test_validity_range',
          `${c.group} must be valid for at most ${max} years (is: ${Math.floor(days)} days)`,
          group === 'SCA' && !options.strictValidityMinimum ? 'warning' : 'error',
        )
    }

    if (!(group === 'SCA' || group === 'UP' || tlsCa)) {
      const eku = cert.getExtension(x509.ExtendedKeyUsageExtension)
      if (!eku) fail('test_extended_key_usages', 'extendedKeyUsage not in extensions')
      else if (group === 'TLS' && c.filename.toUpperCase().startsWith('TLS') && !eku.usages.map(String).includes(CLIENT_AUTH)) {
        fail('test_extended_key_usages', 'TLS (AUTH) certificates must allow clientAuthentication')
      }
    }

    const ku = cert.getExtension(x509.KeyUsagesExtension)
    if (!ku) fail('test_key_usages', 'keyUsage not in x509 extensions')
    else {
      const has = (flag: number) => (ku.usages & flag) !== 0
      if ((group === 'TLS' && c.filename.startsWith('TLS')) || group === 'UP') {
        if (!has(x509.KeyUsageFlags.digitalSignature)) fail('test_key_usages', `${group} cert should have usage flag "digital signature"`)
        if (has(x509.KeyUsageFlags.cRLSign)) fail('test_key_usages', `${group} cert should not have usage flag "CRL sign"`)
      } else if (group === 'SCA' && !has(x509.KeyUsageFlags.keyCertSign))
        fail('test_key_usages', 'SCA should have usage flag "key cert sign"')
    }

    if (group === 'SCA') {
      const bc = cert.getExtension(x509.BasicConstraintsExtension)
      if (!bc) fail('test_basic_constraints', 'basicConstraints not in x509 extensions')
      else {
        if (!bc.ca) fail('test_basic_constraints', 'SCA and CA certs must have basicConstraints(CA:TRUE)')
        if (bc.pathLength) fail('test_basic_constraints', 'path length must be 0 or None')
      }
    }
  }
  return findings
}

/**
 * test_country_folders.py (folder_mandatory_files, groups_domains), tls_pem_without_chain.py and
 * chain_check.py: the layout, one certificate per TLS client file, and each TLS client certificate
 * signed by a CA*.pem of its domain's TLS folder. (The template's chain_check passes RSA padding to
 * every non-DSA key, which fails for EC keys; this re-states its intent: a signature check.)
 */
export async function folderChecks(files: readonly OnboardingFile[]): Promise<QaFinding[]> {
  const findings: QaFinding[] = []
  const byDomain = new Map<string, OnboardingFile[]>()
  for (const file of files) {
    const parts = onboardingParts(file.path)
    if (parts) byDomain.set(parts.domain, [...(byDomain.get(parts.domain) ?? []), file])
  }
  const fail = (check: string, file: string, message: string) => findings.push({ check, file, severity: 'error', message })
  if (byDomain.size === 0) fail('test_folder_mandatory_files', 'onboarding', 'there must be at least one domain')
  const present = (domain: string, group: string, name: string) =>
    byDomain.get(domain)!.some((f) => f.path.slice(2).join('/') === `${group}/${name}`)
  for (const [domain, domainFiles] of byDomain) {
    if (!TEMPLATE_DOMAINS.includes(domain.toUpperCase())) fail('test_valid_domain', `onboarding/${domain}`, `invalid domain: ${domain}`)
    if (!present(domain, 'SCA', 'SCA.pem'))
      fail('test_folder_mandatory_files', `onboarding/${domain}`, `SCA folder or SCA.pem file is missing in domain ${domain}`)
    for (const file of domainFiles) {
      if (!file.path.at(-1)!.toLowerCase().endsWith('.pem')) continue
      const group = file.path.length >= 4 ? file.path.at(-2)! : ''
      if (!['UP', 'SCA', 'TLS'].includes(group.toUpperCase()))
        fail('test_valid_group', file.path.join('/'), `invalid group: ${group || '(none)'}`)
      if (group.toUpperCase() === 'TLS' && file.path.at(-1)!.toUpperCase().startsWith('TLS')) {
        const count = file.text.split('\n').filter((line) => line.includes('-----BEGIN')).length
        if (count !== 1) fail('test_tls_pem_without_chain', file.path.join('/'), `must contain EXACTLY ONE certificate (has ${count})`)
      }
    }
    const tls = (await loadCertificates(domainFiles)).filter((c) => c.group.toUpperCase() === 'TLS' && c.cert)
    for (const client of tls.filter((c) => c.filename.toUpperCase().startsWith('TLS'))) {
      let verified = false
      for (const ca of tls.filter((c) => c.filename.toUpperCase().startsWith('CA'))) {
        if (await client.cert!.verify({ publicKey: ca.cert!.publicKey, signatureOnly: true }).catch(() => false)) verified = true
      }
      if (!verified) fail('test_if_tls_resolves', client.file, `could not find a signing CA for ${client.filename}`)
    }
  }
  for (const [group, name] of [
    ['TLS', 'TLS.pem'],
    ['TLS', 'CA.pem'],
    ['UP', 'UP.pem'],
  ] as const) {
    if (![...byDomain.keys()].some((domain) => present(domain, group, name)))
      fail('test_folder_mandatory_files', 'onboarding', `${group}/${name} is missing in all domains`)
  }
  return findings
}
