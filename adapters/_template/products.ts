// Vaccine products as the national record source names them → EU value-set product codes (mp). Only
// exact names (after folding case, dashes and spaces) map; anything else is PRODUCT_UNMAPPED, never
// guessed. List every name the national register uses; name known non-EU products in `unmapped`.
import { productMapper } from '../_sdk/index.ts'

export const mapProduct = productMapper({
  national: {
    comirnaty: 'EU/1/20/1528',
    'pfizer-biontech': 'EU/1/20/1528',
    spikevax: 'EU/1/20/1507',
    moderna: 'EU/1/20/1507',
    vaxzevria: 'EU/1/21/1529',
  },
  unmapped: { 'national vaccine x': 'National Vaccine X' },
})
