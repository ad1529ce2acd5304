import type { AdapterConfig } from './adapter.ts'
import type { HolderClaim } from '../../src/dcc/record.ts'
import { CertbridgeError } from '../../src/platform/errors.ts'
import type { CertificateType } from '../../src/hcert/certificate-type.ts'

/** The outcome a sample must produce through POST /v1/certificates. */
export interface SampleExpectation {
  /** HTTP status: 201 issued, or the status the error code maps to (see src/http/status.ts). */
  readonly status: number
  readonly type?: CertificateType
  /** The problem+json `code` for a sample that must fail. */
  readonly code?: string
}

export interface SandboxSample {
  /** e.g. 'v3 vaccination, Sputnik V 2/2' */
  readonly name: string
  /** The text of the national QR, exactly as the citizen's QR holds it (real national host). */
  readonly qr: string
  /** A holder that matches the record (or, for a mismatch sample, one that does not). */
  readonly holder: HolderClaim
  readonly expect: SampleExpectation
}

/**
 * An emulation of a country's public check API and record source, speaking their exact wire formats,
 * served from fixture records. Web APIs only (a Hono app), so it runs on Node and in workerd alike.
 */
export interface AdapterSandbox {
  readonly fetch: (request: Request) => Response | Promise<Response>
  /** The adapter's settings that point it at this sandbox served at `baseUrl` (no trailing slash). */
  config(baseUrl: string): AdapterConfig
  /** The curated samples: every link form, type, status and refusal of the fixtures. */
  samples(): readonly SandboxSample[]
  /**
   * One sample per synthetic holder (see SandboxOptions.population), each issuable (201): the exact
   * national QR text of its link and a matching holder. Empty when the population is 0; absent on a
   * sandbox that has no population support.
   */
  populationSamples?(): readonly SandboxSample[]
}

export interface SandboxOptions {
  /**
   * Synthetic holders besides the fixtures (default 0): invented people, generated deterministically,
   * so the same number (on the same UTC day: records are dated from today) gives byte-identical
   * records and samples in every process (load tests).
   */
  readonly population?: number
  /** YYYY-MM-DD the fixtures are dated from; today (UTC) by default. */
  readonly today?: string
}

export type SandboxFactory = (options?: SandboxOptions) => AdapterSandbox

/** The codes of the sandboxes' own errors. */
export const SANDBOX_CODES = ['SANDBOX_POPULATION_INVALID'] as const

/** Seven digits of index in the unrz (and hex digits in the uuid) bound the population. */
/** A synthetic population asked for outside its bounds: the size, or an index no holder has. */
export class SandboxPopulationError extends CertbridgeError<(typeof SANDBOX_CODES)[number]> {
  constructor(message: string) {
    super('SANDBOX_POPULATION_INVALID', message)
    this.name = 'SandboxPopulationError'
  }
}

export const MAX_POPULATION = 1_000_000

/** The synthetic population a sandbox serves beside its fixtures (`SandboxOptions.population`), checked. */
export function populationSize(population: number | undefined): number {
  const size = population ?? 0
  if (!Number.isInteger(size) || size < 0 || size > MAX_POPULATION) {
    throw new SandboxPopulationError(`The sandbox population must be a whole number from 0 to ${MAX_POPULATION}.`)
  }
  return size
}

export type { CertificateType } from '../../src/hcert/certificate-type.ts'
