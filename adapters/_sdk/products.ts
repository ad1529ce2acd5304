// National vaccine product names → EU value-set codes. Each adapter states only its national names
// and the EU product code (mp) each stands for; the manufacturer (ma) and prophylaxis (vp) come from
// the EU value sets in src/dcc/valuesets.ts. Only exact names (after folding case, Ё, dashes and
// spaces) map; anything else is refused with PRODUCT_UNMAPPED, never guessed.
import { vaccineProduct } from '../../src/dcc/valuesets.ts'
import { AdapterError } from './errors.ts'

export interface EuVaccine {
  readonly mp: string
  readonly ma: string
  readonly vp: string
}

export interface ProductTable {
  /** Folded national name → EU medicinal product code (mp). */
  readonly national: Readonly<Record<string, string>>
  /** Folded national name → display name of a product the EU value sets do not list, named in the refusal. */
  readonly unmapped?: Readonly<Record<string, string>>
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

/** A mapper from national names to EU codes; throws PRODUCT_UNMAPPED, naming known non-EU products. */
export function productMapper(table: ProductTable): (nationalName: string) => EuVaccine {
  for (const mp of Object.values(table.national)) {
    if (!vaccineProduct(mp)) throw new Error(`product table names ${mp}, which the EU value sets do not list`)
  }
  return (nationalName) => {
    const folded = foldProductName(nationalName)
    const mp = table.national[folded]
    const product = mp === undefined ? undefined : vaccineProduct(mp)
    if (product) return { mp: product.mp, ma: product.ma, vp: product.vp }
    const known = table.unmapped?.[folded]
    // An unknown name is not echoed: it is upstream text, and the refusal must stay free of record data.
    throw new AdapterError(
      'PRODUCT_UNMAPPED',
      known
        ? `The vaccine ${known} has no code in the EU value sets, so it cannot be stated in an EU certificate.`
        : 'The vaccine product of this record is not one the EU value sets list, so it cannot be stated in an EU certificate.',
    )
  }
}
