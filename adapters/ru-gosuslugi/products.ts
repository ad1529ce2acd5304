// Vaccine products as the Russian register names them → EU value-set codes (mp, ma, vp). Exact names
// only (after folding case, Ё, dashes and spaces); anything else is PRODUCT_UNMAPPED, never guessed.
//
// LOCAL STAND-IN for src/dcc/valuesets.ts `vaccineProduct(mp)` (not written yet): ma and vp per the EU
// encoding instructions (eu-dcc-valuesets 2.12.0); products.test.ts proves it agrees with the files.
import { AdapterError } from '../_sdk/errors.ts'

export interface EuVaccine {
  readonly mp: string
  readonly ma: string
  readonly vp: string
}

const VECTOR = '29061000087103' // COVID-19 non-replicating viral vector vaccine
const INACTIVATED = '1157024006'
const PEPTIDE = '1162643001'
const MRNA = '1119349007'

const eu: Readonly<Record<string, EuVaccine>> = {
  'Sputnik-V': { mp: 'Sputnik-V', ma: 'Gamaleya-Research-Institute', vp: VECTOR },
  'Sputnik-Light': { mp: 'Sputnik-Light', ma: 'Gamaleya-Research-Institute', vp: VECTOR },
  'Sputnik-M': { mp: 'Sputnik-M', ma: 'Gamaleya-Research-Institute', vp: VECTOR },
  EpiVacCorona: { mp: 'EpiVacCorona', ma: 'Vector-Institute', vp: PEPTIDE },
  'EpiVacCorona-N': { mp: 'EpiVacCorona-N', ma: 'Vector-Institute', vp: PEPTIDE },
  CoviVac: { mp: 'CoviVac', ma: 'Chumakov-Federal-Scientific-Center', vp: INACTIVATED },
  'EU/1/20/1528': { mp: 'EU/1/20/1528', ma: 'ORG-100030215', vp: MRNA },
  'EU/1/20/1507': { mp: 'EU/1/20/1507', ma: 'ORG-100031184', vp: MRNA },
  'EU/1/21/1529': { mp: 'EU/1/21/1529', ma: 'ORG-100001699', vp: VECTOR },
  'EU/1/20/1525': { mp: 'EU/1/20/1525', ma: 'ORG-100001417', vp: VECTOR },
  'BBIBP-CorV': { mp: 'BBIBP-CorV', ma: 'ORG-100020693', vp: INACTIVATED },
  CoronaVac: { mp: 'CoronaVac', ma: 'Sinovac-Biotech', vp: INACTIVATED },
  Covaxin: { mp: 'Covaxin', ma: 'Bharat-Biotech', vp: INACTIVATED },
}

/** Register names (folded) → mp. Imported products as people registered doses received abroad. */
const national: Readonly<Record<string, string>> = {
  'гам-ковид-вак': 'Sputnik-V',
  'gam-covid-vac': 'Sputnik-V',
  'спутник v': 'Sputnik-V',
  'sputnik v': 'Sputnik-V',
  'спутник лайт': 'Sputnik-Light',
  'sputnik light': 'Sputnik-Light',
  'спутник м': 'Sputnik-M',
  'sputnik m': 'Sputnik-M',
  'эпиваккорона': 'EpiVacCorona',
  'epivaccorona': 'EpiVacCorona',
  'эпиваккорона-н': 'EpiVacCorona-N',
  'epivaccorona-n': 'EpiVacCorona-N',
  'ковивак': 'CoviVac',
  'covivac': 'CoviVac',
  'комирнати': 'EU/1/20/1528',
  'comirnaty': 'EU/1/20/1528',
  'спайквакс': 'EU/1/20/1507',
  'spikevax': 'EU/1/20/1507',
  'ваксзеврия': 'EU/1/21/1529',
  'vaxzevria': 'EU/1/21/1529',
  'джинсен': 'EU/1/20/1525',
  'jcovden': 'EU/1/20/1525',
  'covid-19 vaccine janssen': 'EU/1/20/1525',
  'bbibp-corv': 'BBIBP-CorV',
  'коронавак': 'CoronaVac',
  'coronavac': 'CoronaVac',
  'коваксин': 'Covaxin',
  'covaxin': 'Covaxin',
}

export function foldProductName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The EU codes of a register product name, or PRODUCT_UNMAPPED naming the product. */
export function mapProduct(registerName: string): EuVaccine {
  const mp = national[foldProductName(registerName)]
  const vaccine = mp === undefined ? undefined : eu[mp]
  if (vaccine) return vaccine
  // A product name is not personal data; it is named (bounded, printable) so the refusal is clear.
  const shown = registerName.replace(/[^\p{L}\p{N} .()-]/gu, '').trim().slice(0, 60)
  throw new AdapterError('PRODUCT_UNMAPPED', `The vaccine "${shown}" has no code in the EU value sets, so it cannot be stated in an EU certificate.`)
}

/** Every EU product this adapter maps to (for tests against the official value sets). */
export const euProducts: readonly EuVaccine[] = Object.values(eu)
