// Configuration, parsed once by the assembly (src/service/assemble.ts) from the edge's config source
// (config-source.ts: process.env on Node, the string bindings on Workers) into explicit values passed
// down as arguments. Nothing else reads the environment.
import { CertbridgeError } from './platform/errors.ts'
import type { AdapterConfig, CountryAdapter } from '../adapters/_sdk/adapter.ts'
import type { CertificateType } from './hcert/certificate-type.ts'

export type Mode = 'sandbox' | 'production'
export type Env = Readonly<Record<string, string | undefined>>
export type { CertificateType }

export interface Config {
  readonly mode: Mode
  readonly port: number
  readonly dataDir: string
  /** ISO 3166-1 alpha-2: subject C of our DSCs and the CWT `iss`. */
  readonly country: string
  /** The DCC `is` field: who issued the certificate. */
  readonly issuerName: string
  /** HMAC key (base64, ≥ 32 bytes) for UVCIs and every stored keyed hash; sandbox mode generates one. */
  readonly uvciKey?: string
  /** Bearer token of POST /v1/revocations; sandbox mode generates one. */
  readonly adminToken?: string
  /** The key store document (the JSON of DATA_DIR/keystore.json that `certbridge keys init` writes), for deployments without
   *  a key-store file in DATA_DIR, e.g. a Workers secret. */
  readonly keyStoreJson?: string
  /** Trust lists (files or URLs) of foreign DSCs, used by verification and the eu-dcc adapter. */
  readonly trustLists: readonly string[]
  /** Keys that sign GDHCN DID trust lists (JWK or DID document files, https URLs, did:web ids). */
  readonly trustListSigners: readonly string[]
  /** Seconds between refreshes of URL trust lists (CERTBRIDGE_TRUST_LIST_REFRESH_SECONDS, default 6 h). */
  readonly trustListRefreshSeconds: number
  /** Revocation lists (files or URLs) beside our own. */
  readonly revocationLists: readonly string[]
  /** Business rules directory (layout `<CC>/<RuleID>/rule.json` + `valuesets/valueSets.json`). */
  readonly rulesDir?: string
  /** A business-rules service in the EU gateway distribution format (GET <url>/rules, <url>/valuesets); used when rulesDir is not set. */
  readonly rulesUrl?: string
  /** Per adapter: its settings, from CERTBRIDGE_<ADAPTER>_<SETTING>. */
  readonly adapters: Readonly<Record<string, AdapterConfig>>
  /** Days a certificate of each type stays valid at most, per adapter (the national expiry may be sooner). */
  readonly validityDays: Readonly<Record<string, Readonly<Record<CertificateType, number>>>>
  readonly upstreamDeadlineMs: number
  /** Circuit breaker per adapter: open after this many upstream failures in a row, probe after resetAfterMs. */
  readonly breaker: { readonly failureThreshold: number; readonly resetAfterMs: number }
  readonly rateLimit: { readonly perClientPerMinute: number; readonly perRecordPerHour: number }
  /**
   * Binding attempts per national record (src/db/attempts.ts): failed attempts allowed per client and
   * record, and per record over all clients, within one window of `lockMinutes`.
   */
  readonly holderLock: { readonly maxMismatches: number; readonly maxMismatchesPerRecord: number; readonly lockMinutes: number }
  /** Sandbox mode: synthetic holders each sandbox serves besides its fixtures (for load tests). */
  readonly sandboxPopulation: number
  /** Adapters that serve (CERTBRIDGE_ADAPTERS); every registered one when unset. */
  readonly enabledAdapters: readonly string[]
  /** Bearer token that GET /metrics asks for (CERTBRIDGE_METRICS_TOKEN); open when unset. */
  readonly metricsToken?: string
  /** Which proxies' X-Forwarded-For is believed (CERTBRIDGE_TRUST_PROXY): a hop count or CIDRs; off when unset. */
  readonly trustProxy?: string
  /** POST /v1/verify and the page helpers: requests per client address and minute. */
  readonly publicRatePerClientPerMinute: number
}

export const defaultValidityDays: Readonly<Record<CertificateType, number>> = { vaccination: 365, recovery: 180, test: 3 }

export const CONFIG_CODES = ['CONFIG_INVALID', 'CONFIG_MISSING'] as const

export class ConfigError extends CertbridgeError<(typeof CONFIG_CODES)[number]> {}

/** `ru-gosuslugi` + `BASE_URL` → `CERTBRIDGE_RU_GOSUSLUGI_BASE_URL` */
export function settingVariable(adapterId: string, setting: string): string {
  return `CERTBRIDGE_${adapterId.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_${setting}`
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean)
}

/** Synthetic holders per sandbox: 0 to 1,000,000 (the population's ids hold seven digits of index). */
function sandboxPopulation(env: Env): number {
  const raw = env.CERTBRIDGE_SANDBOX_POPULATION
  if (raw === undefined || raw === '' || raw === '0') return 0
  const n = positiveInt(env, 'CERTBRIDGE_SANDBOX_POPULATION', 0)
  if (n > 1_000_000) throw new ConfigError('CONFIG_INVALID', 'CERTBRIDGE_SANDBOX_POPULATION must be at most 1000000')
  return n
}

/** CERTBRIDGE_ADAPTERS=ru-gosuslugi,vn-qr: the adapters that serve; all of them when unset. */
function enabledAdapters(env: Env, adapters: readonly CountryAdapter[]): string[] {
  const ids = list(env.CERTBRIDGE_ADAPTERS)
  if (ids.length === 0) return adapters.map((a) => a.id)
  const unknown = ids.filter((id) => !adapters.some((a) => a.id === id))
  if (unknown.length > 0)
    throw new ConfigError(
      'CONFIG_INVALID',
      `CERTBRIDGE_ADAPTERS: no adapter ${unknown.join(', ')} (known: ${adapters.map((a) => a.id).join(', ')})`,
    )
  return [...new Set(ids)]
}

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError('CONFIG_INVALID', `${name} must be a positive integer`)
  return n
}

/**
 * Reads the configuration. Sandbox mode is chosen only when CERTBRIDGE_MODE is unset or 'sandbox';
 * production must be asked for explicitly and refuses to start with anything missing (see
 * `missingForProduction`).
 */
export function loadConfig(env: Env, adapters: readonly CountryAdapter[]): Config {
  const modeRaw = env.CERTBRIDGE_MODE ?? 'sandbox'
  if (modeRaw !== 'sandbox' && modeRaw !== 'production') {
    throw new ConfigError('CONFIG_INVALID', `CERTBRIDGE_MODE must be 'sandbox' or 'production', not '${modeRaw}'`)
  }
  const mode: Mode = modeRaw
  const country = (env.CERTBRIDGE_COUNTRY ?? (mode === 'sandbox' ? 'XX' : '')).toUpperCase()
  if (country && !/^[A-Z]{2}$/.test(country))
    throw new ConfigError('CONFIG_INVALID', 'CERTBRIDGE_COUNTRY must be an ISO 3166-1 alpha-2 code')

  const adapterConfigs: Record<string, AdapterConfig> = {}
  const validityDays: Record<string, Record<CertificateType, number>> = {}
  for (const adapter of adapters) {
    const values: Record<string, string | undefined> = {}
    for (const setting of adapter.settings) values[setting.name] = env[settingVariable(adapter.id, setting.name)] ?? setting.default
    adapterConfigs[adapter.id] = values
    validityDays[adapter.id] = {
      vaccination: positiveInt(env, settingVariable(adapter.id, 'VALIDITY_VACCINATION_DAYS'), defaultValidityDays.vaccination),
      recovery: positiveInt(env, settingVariable(adapter.id, 'VALIDITY_RECOVERY_DAYS'), defaultValidityDays.recovery),
      test: positiveInt(env, settingVariable(adapter.id, 'VALIDITY_TEST_DAYS'), defaultValidityDays.test),
    }
  }

  const config: Config = {
    mode,
    port: positiveInt(env, 'PORT', 8787),
    dataDir: env.DATA_DIR || './.certbridge',
    country,
    issuerName: env.CERTBRIDGE_ISSUER ?? (mode === 'sandbox' ? 'certbridge sandbox (TEST ONLY)' : ''),
    uvciKey: env.CERTBRIDGE_UVCI_KEY || undefined,
    adminToken: env.CERTBRIDGE_ADMIN_TOKEN || undefined,
    keyStoreJson: env.CERTBRIDGE_KEYSTORE || undefined,
    trustLists: list(env.CERTBRIDGE_TRUST_LISTS),
    trustListSigners: list(env.CERTBRIDGE_TRUST_LIST_SIGNERS),
    trustListRefreshSeconds: positiveInt(env, 'CERTBRIDGE_TRUST_LIST_REFRESH_SECONDS', 21_600),
    revocationLists: list(env.CERTBRIDGE_REVOCATION_LISTS),
    rulesDir: env.CERTBRIDGE_RULES_DIR || undefined,
    rulesUrl: env.CERTBRIDGE_RULES_URL || undefined,
    adapters: adapterConfigs,
    validityDays,
    upstreamDeadlineMs: positiveInt(env, 'CERTBRIDGE_UPSTREAM_DEADLINE_MS', 5000),
    breaker: {
      failureThreshold: positiveInt(env, 'CERTBRIDGE_BREAKER_FAILURES', 5),
      resetAfterMs: positiveInt(env, 'CERTBRIDGE_BREAKER_RESET_MS', 30_000),
    },
    rateLimit: {
      perClientPerMinute: positiveInt(env, 'CERTBRIDGE_RATE_PER_CLIENT_PER_MINUTE', 60),
      perRecordPerHour: positiveInt(env, 'CERTBRIDGE_RATE_PER_RECORD_PER_HOUR', 30),
    },
    holderLock: {
      maxMismatches: positiveInt(env, 'CERTBRIDGE_HOLDER_MAX_MISMATCHES', 5),
      maxMismatchesPerRecord: positiveInt(env, 'CERTBRIDGE_HOLDER_MAX_MISMATCHES_PER_RECORD', 20),
      lockMinutes: positiveInt(env, 'CERTBRIDGE_HOLDER_LOCK_MINUTES', 1440),
    },
    sandboxPopulation: sandboxPopulation(env),
    enabledAdapters: enabledAdapters(env, adapters),
    metricsToken: env.CERTBRIDGE_METRICS_TOKEN || undefined,
    trustProxy: env.CERTBRIDGE_TRUST_PROXY?.trim() || undefined,
    publicRatePerClientPerMinute: positiveInt(env, 'CERTBRIDGE_RATE_VERIFY_PER_CLIENT_PER_MINUTE', 120),
  }
  return config
}

/**
 * What a production start lacks, by variable name. `hasKeyStore` tells whether a key store file
 * (made by `certbridge keys init`) exists, which stands in for the signing key variables.
 */
export function missingForProduction(config: Config, adapters: readonly CountryAdapter[], hasKeyStore: boolean): string[] {
  const missing: string[] = []
  if (!config.country) missing.push('CERTBRIDGE_COUNTRY')
  if (!config.issuerName) missing.push('CERTBRIDGE_ISSUER')
  if (!config.uvciKey) missing.push('CERTBRIDGE_UVCI_KEY')
  if (!config.adminToken) missing.push('CERTBRIDGE_ADMIN_TOKEN')
  if (!hasKeyStore && !config.keyStoreJson) missing.push('CERTBRIDGE_KEYSTORE (or a key store in DATA_DIR: certbridge keys init)')
  for (const adapter of adapters) {
    if (!config.enabledAdapters.includes(adapter.id)) continue
    for (const setting of adapter.settings) {
      if (setting.required && !config.adapters[adapter.id]?.[setting.name]) missing.push(settingVariable(adapter.id, setting.name))
    }
  }
  return missing
}
