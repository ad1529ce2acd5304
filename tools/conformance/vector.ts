// One dgc-testdata file, normalised: hex fields as bytes, the validation clock whichever key holds it,
// and the expectation flags with the known quirks folded in (nested EXPECTEDRESULTS, the
// EXPTECTEDEXPIRED typo, TESTCTX.validationClockInstant).
export const FLAGS = [
  'EXPECTEDVALIDOBJECT',
  'EXPECTEDSCHEMAVALIDATION',
  'EXPECTEDENCODE',
  'EXPECTEDDECODE',
  'EXPECTEDVERIFY',
  'EXPECTEDCOMPRESSION',
  'EXPECTEDKEYUSAGE',
  'EXPECTEDUNPREFIX',
  'EXPECTEDVALIDJSON',
  'EXPECTEDB45DECODE',
  'EXPECTEDEXPIRATIONCHECK',
] as const
export type Flag = (typeof FLAGS)[number]

export interface Vector {
  /** Path relative to the test-data root, with forward slashes. */
  readonly file: string
  readonly country: string
  readonly json: unknown
  readonly cbor: Uint8Array | undefined
  readonly cose: Uint8Array | undefined
  readonly compressed: Uint8Array | undefined
  readonly base45: string | undefined
  readonly prefix: string | undefined
  /** Base64 DER of the DSC. */
  readonly certificate: string | undefined
  readonly clock: Date | undefined
  readonly description: string
  readonly expected: Partial<Record<Flag, boolean>>
}

function hexToBytes(value: unknown): Uint8Array | undefined {
  if (typeof value !== 'string' || value.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(value)) return undefined
  const out = new Uint8Array(value.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(value.slice(i * 2, i * 2 + 2), 16)
  return out
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function expectations(raw: Record<string, unknown>): Partial<Record<Flag, boolean>> {
  const flat: Record<string, unknown> = { ...raw }
  // Some files nest a second EXPECTEDRESULTS object (or a stray boolean) inside the first.
  const nested = raw.EXPECTEDRESULTS
  if (nested && typeof nested === 'object') Object.assign(flat, nested)
  const expected: Partial<Record<Flag, boolean>> = {}
  for (const flag of FLAGS) if (typeof flat[flag] === 'boolean') expected[flag] = flat[flag] as boolean
  // The misspelt EXPTECTEDEXPIRED (BG 1-4, ES 201-203) stands for EXPECTEDEXPIRATIONCHECK with the same
  // polarity: in all seven files it is true while the certificate is valid at VALIDATIONCLOCK.
  if (expected.EXPECTEDEXPIRATIONCHECK === undefined && typeof flat.EXPTECTEDEXPIRED === 'boolean') {
    expected.EXPECTEDEXPIRATIONCHECK = flat.EXPTECTEDEXPIRED
  }
  return expected
}

export function parseVector(file: string, content: string): Vector {
  const raw = JSON.parse(content) as Record<string, unknown>
  const context = (raw.TESTCTX ?? {}) as Record<string, unknown>
  const clockText = text(context.VALIDATIONCLOCK) ?? text(context.validationClockInstant)
  const clock = clockText ? new Date(clockText) : undefined
  const country = file.split('/')[0] ?? ''
  return {
    file,
    country: country === 'common' ? 'common' : country.toUpperCase(),
    json: raw.JSON,
    cbor: hexToBytes(raw.CBOR),
    cose: hexToBytes(raw.COSE),
    compressed: hexToBytes(raw.COMPRESSED),
    base45: text(raw.BASE45),
    prefix: text(raw.PREFIX),
    certificate: text(context.CERTIFICATE),
    clock: clock && !Number.isNaN(clock.getTime()) ? clock : undefined,
    description: text(context.DESCRIPTION) ?? '',
    expected: expectations((raw.EXPECTEDRESULTS ?? {}) as Record<string, unknown>),
  }
}
