// The shape of the card PDF renderer (src/web/card-pdf.ts), apart from it, so that the HTTP layer
// can take one without importing pdf-lib: the Node edge provides it, the Worker bundle goes without.
import type { Language, Strings } from './i18n.ts'

export interface CardPdfInput {
  readonly hc1: string
  readonly lang: Language
  readonly strings: Strings
  readonly sandbox: boolean
}

export type CardPdfRenderer = (input: CardPdfInput) => Promise<Uint8Array>
