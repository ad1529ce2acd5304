// The shapes of the QA report: a check's definition in the catalogue, one check's outcome on one
// certificate, and what a certificate brings with it (its text, its picture, what its folder claims).
import type { CountryAcceptance } from '../rules/acceptance.ts'

export type Severity = 'error' | 'warning'

export type CheckFamily = 'decode' | 'qr' | 'schema' | 'valuesets' | 'plausibility' | 'signature' | 'rules'

export interface CheckDefinition {
  readonly code: string
  readonly severity: Severity
  readonly family: CheckFamily
  /** One line: what the check asks of a certificate. */
  readonly explanation: string
}

export interface CheckResult {
  readonly code: string
  readonly severity: Severity
  readonly passed: boolean
  /** One line: what was found; never payload values such as names or dates of birth. */
  readonly message: string
}

/** What the file's place in a `<CC>/<schema version>/<file>` tree claims. */
export interface Claims {
  readonly country?: string
  readonly version?: string
}

/** The QR symbol as the decoder saw it (only for pictures). */
export interface QrSymbolInfo {
  /** QR version 1–40. */
  readonly version: number
  /** L, M, Q or H. */
  readonly ecLevel: string
  /** Modules per side (17 + 4 × version). */
  readonly modules: number
  /** Width of one module in pixels. */
  readonly moduleSize: number
  /** Light margin around the symbol, in modules, on its narrowest side. */
  readonly quietZone: number
  /** Whether it still decodes at half the picture's size; undefined when not tried. */
  readonly decodesDownscaled?: boolean
}

/** Looks at a picture: the QR text and the symbol's properties. Injected (Node reads pixels). */
export type QrInspector = (image: Uint8Array) => Promise<{ text: string; symbol?: QrSymbolInfo }>

export interface FileReport {
  readonly path: string
  readonly country?: string
  readonly decoded: boolean
  readonly checks: readonly CheckResult[]
  readonly acceptance: Readonly<Record<string, CountryAcceptance>>
}

export interface QaTotals {
  readonly files: number
  readonly decoded: number
  /** Failed checks of severity error / warning, over all files. */
  readonly errors: number
  readonly warnings: number
}

export interface QaReport {
  readonly totals: QaTotals
  readonly files: readonly FileReport[]
}
