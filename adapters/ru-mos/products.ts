// Vaccine products as the Russian register names them → EU value-set product codes (mp). Only exact
// names (after folding case, ё and dashes) map; anything else is refused with PRODUCT_UNMAPPED,
// never guessed.
import { AdapterError } from '../_sdk/errors.ts'
import { euVaccines, type EuVaccine } from './eu-vaccines.ts'

const nationalToMp: Readonly<Record<string, string>> = {
  'гам-ковид-вак': 'Sputnik-V',
  'спутник v': 'Sputnik-V',
  'sputnik v': 'Sputnik-V',
  'спутник лайт': 'Sputnik-Light',
  'sputnik light': 'Sputnik-Light',
  'гам-ковид-вак-м': 'Sputnik-M',
  'спутник м': 'Sputnik-M',
  'эпиваккорона': 'EpiVacCorona',
  'эпиваккорона-н': 'EpiVacCorona-N',
  'ковивак': 'CoviVac',
}

/** Products in use in Russia that the EU value sets do not list: named (in Latin) in the refusal. */
const knownUnmapped: Readonly<Record<string, string>> = {
  'бетувакс-ков-2': 'Betuvax-CoV-2',
  'конвасэл': 'Convacell',
  'гам-ковид-вак-лио': 'Gam-COVID-Vac-Lyo',
}

export function foldProductName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/ё/g, 'е').replace(/[\u2010-\u2015]/g, '-').replace(/\s*-\s*/g, '-').replace(/\s+/g, ' ').trim()
}

/** EU codes for a national product name, or PRODUCT_UNMAPPED. */
export function mapProduct(nationalName: string): EuVaccine {
  const folded = foldProductName(nationalName)
  const mp = nationalToMp[folded]
  const vaccine = mp === undefined ? undefined : euVaccines.get(mp)
  if (vaccine) return vaccine
  const known = knownUnmapped[folded]
  throw new AdapterError(
    'PRODUCT_UNMAPPED',
    known
      ? `The vaccine ${known} has no code in the EU value sets, so it cannot be stated in an EU certificate.`
      : 'The vaccine product of this record is not one the EU value sets list, so it cannot be stated in an EU certificate.',
  )
}
