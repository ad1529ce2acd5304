// The catalogue of QA checks: every check's stable code, severity and one-line explanation, in the
// order reports list them. Codes never change meaning; new checks get new codes. `check()` builds a
// result from a code, so a family module cannot give a check another severity than the catalogue's.
import type { CheckDefinition, CheckFamily, CheckResult, Severity } from './types.ts'

const define = (family: CheckFamily, severity: Severity, code: string, explanation: string): CheckDefinition => ({
  code,
  severity,
  family,
  explanation,
})

export const CATALOGUE: readonly CheckDefinition[] = [
  define('decode', 'error', 'DECODE_PREFIX', 'The text starts with the context identifier "HC1:".'),
  define('decode', 'warning', 'DECODE_LENIENT_WHITESPACE', 'No whitespace around the HC1 text (decoders trim it leniently).'),
  define('decode', 'error', 'DECODE_BASE45', 'The text after the prefix is valid base45 (RFC 9285).'),
  define('decode', 'error', 'DECODE_ZLIB', 'The base45 bytes are a valid zlib stream.'),
  define(
    'decode',
    'warning',
    'DECODE_LENIENT_UNCOMPRESSED',
    'The COSE structure is zlib-compressed (decoders accept it uncompressed leniently).',
  ),
  define('decode', 'error', 'DECODE_COSE', 'The bytes are a COSE_Sign1 structure with protected and unprotected headers.'),
  define('decode', 'warning', 'DECODE_LENIENT_COSE_TAG', 'COSE_Sign1 carries tag 18 and no CWT tag 61 (decoders accept both leniently).'),
  define(
    'decode',
    'warning',
    'DECODE_LENIENT_KID_UNPROTECTED',
    'The kid and alg are in the protected header (decoders also look in the unprotected one).',
  ),
  define('decode', 'error', 'DECODE_CWT', 'The COSE payload is a CWT claims map holding the EU DCC at -260/1.'),
  define(
    'decode',
    'warning',
    'DECODE_LENIENT_CWT_DATES',
    'iat and exp are integer seconds (decoders accept tagged or fractional dates leniently).',
  ),
  define('decode', 'error', 'CWT_TIMES', 'The CWT carries iat and exp, and exp is after iat.'),

  define('qr', 'error', 'QR_DECODES', 'The picture holds a QR code that a decoder reads.'),
  define('qr', 'warning', 'QR_VERSION', 'The QR version is at most 25 (117 modules), which phones scan reliably from paper.'),
  define('qr', 'warning', 'QR_EC_LEVEL', 'The error-correction level is Q or H, as the HCERT specification recommends.'),
  define('qr', 'warning', 'QR_QUIET_ZONE', 'A light quiet zone of at least 4 modules surrounds the symbol (ISO/IEC 18004).'),
  define('qr', 'warning', 'QR_MODULE_SIZE', 'A module is at least 2 pixels wide.'),
  define('qr', 'warning', 'QR_DOWNSCALE', 'The code still decodes when the picture is scaled down to half its size.'),

  define('schema', 'error', 'SCHEMA_VALID', 'The payload validates against EU DCC schema 1.3.x.'),
  define('schema', 'error', 'SCHEMA_NO_ADDITIONAL', 'The payload has no properties outside schema 1.3.x.'),
  define('schema', 'warning', 'SCHEMA_VERSION_CURRENT', 'ver is a 1.3.x version.'),
  define('schema', 'error', 'SCHEMA_CLAIMED_VERSION', 'ver equals the schema version the file claims (its folder).'),

  define('valuesets', 'error', 'VS_DISEASE', 'tg is a code of the disease-agent-targeted value set.'),
  define('valuesets', 'error', 'VS_VACCINE_PRODUCT', 'mp is a code of the vaccine-medicinal-product value set.'),
  define('valuesets', 'error', 'VS_MANUFACTURER', 'ma is a code of the vaccine-mah-manf value set.'),
  define('valuesets', 'error', 'VS_PROPHYLAXIS', 'vp is a code of the vaccine-prophylaxis value set.'),
  define('valuesets', 'error', 'VS_PRODUCT_CONSISTENT', 'mp, ma and vp agree with the EU vaccine encoding instructions.'),
  define('valuesets', 'warning', 'VS_DEPRECATED', 'No deprecated code (e.g. vp J07BX03, products marked not for new certificates).'),
  define('valuesets', 'error', 'VS_TEST_TYPE', 'tt is a code of the test-type value set.'),
  define('valuesets', 'error', 'VS_TEST_RESULT', 'tr is a code of the test-result value set.'),
  define('valuesets', 'error', 'VS_COUNTRY', 'co is a code of the country value set.'),
  define('valuesets', 'error', 'VS_ISSUER', 'is names the issuing entity (non-empty, not blank).'),
  define('valuesets', 'error', 'ISS_COUNTRY', 'The CWT iss is an ISO 3166-1 alpha-2 country code.'),
  define('valuesets', 'error', 'ISS_CLAIMED_COUNTRY', 'The CWT iss equals the country the file claims (its folder).'),
  define('valuesets', 'error', 'UVCI_SYNTAX', 'ci is a UVCI: URN:UVCI:<version>:<country>:<opaque>[#check] in A-Z, 0-9 and /.'),
  define('valuesets', 'warning', 'UVCI_COUNTRY', "The UVCI's country is the issuing country (CWT iss)."),
  define('valuesets', 'warning', 'UVCI_CHECKSUM', 'The UVCI ends with its Luhn mod 38 check character, and it is right.'),

  define('plausibility', 'error', 'PLAUS_RAT_DEVICE', 'A rapid antigen test names its device (ma).'),
  define('plausibility', 'warning', 'PLAUS_RAT_NO_NAME', 'A rapid antigen test has no free-text name (nm): the device code says it.'),
  define(
    'plausibility',
    'warning',
    'PLAUS_NAAT_NO_DEVICE',
    'A NAAT (PCR) test has no device (ma): the device list covers rapid tests only.',
  ),
  define('plausibility', 'warning', 'PLAUS_DOSES', 'dn ≤ sd, boosters encoded as n/n (or 2/1 after a single-dose course).'),
  define('plausibility', 'error', 'PLAUS_RECOVERY_ORDER', 'A recovery has fr ≤ df < du.'),
  define(
    'plausibility',
    'warning',
    'PLAUS_RECOVERY_PERIOD',
    'A recovery is valid from 11 days after fr at the earliest and for at most 180 days after fr.',
  ),
  define('plausibility', 'warning', 'PLAUS_EXP_DU', 'A recovery certificate does not expire (CWT exp) before its du.'),
  define('plausibility', 'error', 'PLAUS_FUTURE_DATES', 'No event date (dt, sc, fr, df) and no dob after the time of signing (iat).'),
  define('plausibility', 'error', 'CERT_NOT_EXPIRED', 'The certificate is within iat … exp at the validation clock.'),

  define('signature', 'warning', 'SIG_TRUST_GIVEN', 'A trust list was given, so the signature could be checked.'),
  define('signature', 'error', 'SIG_ALGORITHM', 'The COSE algorithm is ES256 or PS256.'),
  define('signature', 'error', 'SIG_KID_KNOWN', 'The kid names a DSC of the given trust lists.'),
  define('signature', 'error', 'SIG_VALID', 'The signature verifies with that DSC.'),
  define('signature', 'warning', 'DSC_PROFILE', 'The DSC has a P-256 or RSA ≥ 2048 key and a subject country (C) matching iss.'),
  define('signature', 'error', 'DSC_KEY_USAGE', "The DSC's extended key usage allows this certificate type."),
  define('signature', 'error', 'DSC_VALIDITY', "iat and exp lie within the DSC's validity."),

  define('rules', 'warning', 'RULES_ACCEPTED', 'Every chosen country accepts the certificate at the validation clock.'),
]

const byCode: ReadonlyMap<string, CheckDefinition> = new Map(CATALOGUE.map((definition) => [definition.code, definition]))

export function definition(code: string): CheckDefinition {
  const found = byCode.get(code)
  if (!found) throw new Error(`unknown QA check ${code}`)
  return found
}

/** A check's result with the catalogue's severity. */
export function check(code: string, passed: boolean, message: string): CheckResult {
  return { code, severity: definition(code).severity, passed, message }
}

/** Orders results as the catalogue does. */
export function inCatalogueOrder(results: readonly CheckResult[]): CheckResult[] {
  const order = new Map(CATALOGUE.map((d, i) => [d.code, i]))
  return [...results].sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0))
}
