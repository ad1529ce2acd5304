// Vectors excluded beyond tests/known_issues.csv, each with the reason found on investigation.
// Keyed by file (relative to the dgc-testdata root) and flag.
import type { Flag } from './vector.ts'

const PL_JSON =
  'the JSON field names a different holder than the signed COSE and CBOR fields (copied from another vector), so no decoder can match it'

const PL_VALUE_SET =
  'expects a value-set check (device 9999, country XY or manufacturer ORG-99999999) that EU DCC schema 1.3.x no longer makes: value sets left the schema in 1.3.0, and adding that check would reject the official valid case with co "UNHCR" and 11 vectors of ES, GE, HU, IE and SM marked valid'

export const EXCLUSIONS: Record<string, Partial<Record<Flag, string>>> = {
  ...Object.fromEntries(
    ['1.0.0', '1.2.1', '1.3.0'].flatMap((version) =>
      ['7', '8', '9'].map((n) => [`PL/${version}/2DCode/raw/${n}.json`, { EXPECTEDSCHEMAVALIDATION: PL_VALUE_SET }]),
    ),
  ),
  'PL/1.3.0/2DCode/raw/1.json': { EXPECTEDDECODE: PL_JSON, EXPECTEDVALIDJSON: PL_JSON },
  'PL/1.3.0/2DCode/raw/5.json': { EXPECTEDDECODE: PL_JSON, EXPECTEDVALIDJSON: PL_JSON },
  'IS/2DCode/raw/3.json': {
    EXPECTEDKEYUSAGE:
      'expects a DSC without extended key usage to fail the usage check, while eu-dcc-hcert-spec §5.2 (and the other vectors) treat no EU DCC usage OID as valid for every type',
  },
}
