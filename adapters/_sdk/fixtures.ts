// What an adapter hands the shared contract suite (adapters/_contract): its links and the records its
// sandbox serves, each with the answer the suite must see.
import type { NormalizedRecord } from '../../src/dcc/record.ts'
import type { AdapterErrorCode } from './errors.ts'

export interface ContractFixtures {
  readonly links: {
    /** The adapter's own links, each with the `kind` match must report. */
    readonly valid: readonly { readonly text: string; readonly kind: string }[]
    /** Other countries' QR texts: match must return null. */
    readonly foreign: readonly string[]
    /** Imitations and broken forms: match must throw this code. */
    readonly forged: readonly { readonly text: string; readonly code: 'LINK_FORGED' | 'LINK_UNSUPPORTED' | 'LINK_MALFORMED' }[]
  }
  /** Every sandbox record, with the exact record it normalises to or the code it is refused with. */
  readonly records: readonly {
    readonly name: string
    readonly qr: string
    readonly expected: NormalizedRecord | { readonly code: AdapterErrorCode }
  }[]
  /** A QR that retrieves fine: the fault-injection cases go through it. */
  readonly faultProbe: string
}
