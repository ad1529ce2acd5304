// Vaccine products as the Russian federal register names them → EU value-set codes. The register is
// the one Gosuslugi and Moscow's mos.ru both read from, so ru-mos uses this table too.
import { productMapper } from '../_sdk/index.ts'

export { foldProductName, type EuVaccine } from '../_sdk/index.ts'

/** Register names (folded) → mp. Imported products as people registered doses received abroad. */
export const russianRegisterProducts = {
  national: {
    'гам-ковид-вак': 'Sputnik-V',
    'gam-covid-vac': 'Sputnik-V',
    'спутник v': 'Sputnik-V',
    'sputnik v': 'Sputnik-V',
    'спутник лайт': 'Sputnik-Light',
    'sputnik light': 'Sputnik-Light',
    'гам-ковид-вак-м': 'Sputnik-M',
    'спутник м': 'Sputnik-M',
    'sputnik m': 'Sputnik-M',
    эпиваккорона: 'EpiVacCorona',
    epivaccorona: 'EpiVacCorona',
    'эпиваккорона-н': 'EpiVacCorona-N',
    'epivaccorona-n': 'EpiVacCorona-N',
    ковивак: 'CoviVac',
    covivac: 'CoviVac',
    комирнати: 'EU/1/20/1528',
    comirnaty: 'EU/1/20/1528',
    спайквакс: 'EU/1/20/1507',
    spikevax: 'EU/1/20/1507',
    ваксзеврия: 'EU/1/21/1529',
    vaxzevria: 'EU/1/21/1529',
    джинсен: 'EU/1/20/1525',
    jcovden: 'EU/1/20/1525',
    'covid-19 vaccine janssen': 'EU/1/20/1525',
    'bbibp-corv': 'BBIBP-CorV',
    коронавак: 'CoronaVac',
    coronavac: 'CoronaVac',
    коваксин: 'Covaxin',
    covaxin: 'Covaxin',
  },
  /** Products in use in Russia that the EU value sets do not list: named (in Latin) in the refusal. */
  unmapped: {
    'бетувакс-ков-2': 'Betuvax-CoV-2',
    конвасэл: 'Convacell',
    'гам-ковид-вак-лио': 'Gam-COVID-Vac-Lyo',
  },
} as const

/** The EU codes of a register product name, or PRODUCT_UNMAPPED. */
export const mapProduct = productMapper(russianRegisterProducts)
