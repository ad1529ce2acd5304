// Vaccine products as Vietnam's record source names them → EU value-set product codes (mp). Only exact
// names (after folding case, spaces and dashes) map; anything else is refused with PRODUCT_UNMAPPED,
// never guessed. AstraZeneca doses are Vaxzevria unless the record says Covishield (made by the Serum
// Institute of India). Vietnam's own "Covivac" (IVAC) is not Russia's CoviVac.
import { productMapper } from '../_sdk/index.ts'

export { foldProductName, type EuVaccine } from '../_sdk/index.ts'

const nationalToMp: Readonly<Record<string, string>> = {
  astrazeneca: 'EU/1/21/1529',
  vaxzevria: 'EU/1/21/1529',
  'covid-19 vaccine astrazeneca': 'EU/1/21/1529',
  covishield: 'Covishield',
  'astrazeneca (covishield)': 'Covishield',
  'covishield (astrazeneca)': 'Covishield',
  'pfizer-biontech': 'EU/1/20/1528',
  pfizer: 'EU/1/20/1528',
  comirnaty: 'EU/1/20/1528',
  'comirnaty (pfizer-biontech)': 'EU/1/20/1528',
  moderna: 'EU/1/20/1507',
  spikevax: 'EU/1/20/1507',
  'spikevax (moderna)': 'EU/1/20/1507',
  janssen: 'EU/1/20/1525',
  jcovden: 'EU/1/20/1525',
  'covid-19 vaccine janssen': 'EU/1/20/1525',
  sinopharm: 'BBIBP-CorV',
  'sinopharm bibp': 'BBIBP-CorV',
  'bbibp-corv': 'BBIBP-CorV',
  'vero cell (sinopharm)': 'BBIBP-CorV',
  'sputnik v': 'Sputnik-V',
  'gam-covid-vac': 'Sputnik-V',
  abdala: 'Abdala',
  'hayat-vax': 'Hayat-Vax',
}

/** Products given in Vietnam that have no EU code (or are ambiguous): named in the refusal. */
const knownUnmapped: Readonly<Record<string, string>> = {
  nanocovax: 'Nanocovax',
  covivac: 'Covivac (IVAC)',
  'arct-154': 'ARCT-154',
  'vero cell': 'Vero Cell without its manufacturer',
}

/** EU codes for a national product name, or PRODUCT_UNMAPPED. */
export const mapProduct = productMapper({ national: nationalToMp, unmapped: knownUnmapped })
