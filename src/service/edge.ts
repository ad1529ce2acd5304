// What a runtime edge supplies to the one assembly (assemble.ts): the parts that differ between
// Node (src/runtime/node/) and Workers (src/runtime/workerd/), one file of the same name per part in
// each edge folder. Everything else (parsing the configuration, the production check, starting the
// sandboxes, loading trust, revocation and rules, building the service) is the assembly's, done once.
import type { Config, Env } from '../config.ts'
import type { Db } from '../db/db.ts'
import type { Metrics } from '../http/metrics.ts'
import type { Primitives } from '../platform/primitives.ts'
import type { Logger } from '../platform/log.ts'
import type { QrImageDecoder } from '../qr/decode.ts'
import type { RuleSet } from '../rules/types.ts'
import type { FileReader } from '../trust/documents.ts'
import type { Canonicalizer } from '../trust/gdhcn/canonize.ts'
import type { KeyStore } from '../trust/keystore.ts'
import type { CardPdfRenderer } from '../web/card-pdf-types.ts'
import type { PurgeJob } from './maintenance.ts'
import type { SandboxHost } from './sandboxes.ts'
import type { RefreshingTrustLists } from '../trust/refresh.ts'

/** Something the assembly started and closes when the service stops (or when the start fails). */
export interface Closable {
  close?(): void | Promise<void>
}

/** Signing keys and secrets, as the edge keeps them; sandbox mode makes test ones for what is not set. */
export interface EdgeSecrets {
  readonly keyStore?: KeyStore
  /** CERTBRIDGE_UVCI_KEY, base64. */
  readonly uvciKey?: string
  readonly adminToken?: string
}

/** Local files: trust and revocation lists given as paths, and a rules directory. */
export interface EdgeFiles {
  readonly reader: FileReader
  loadRuleSet(dir: string): Promise<RuleSet>
}

/** The periodic work of a started service. */
export interface PeriodicWork {
  /** The purge of expired rows (src/service/maintenance.ts). */
  readonly purge: PurgeJob
  /** The configured trust lists and how often they refresh; absent when none are configured. */
  readonly trustLists?: { readonly lists: RefreshingTrustLists; readonly everyMs: number }
}

/** Runs periodic work; returns what stops it. */
export interface Scheduler {
  start(work: PeriodicWork): () => void
}

export interface EdgeParts {
  /** config-source.ts: the variables the configuration is read from (once, by the assembly). */
  readonly configSource: Env
  readonly log: Logger
  readonly now?: () => Date
  /** primitives.ts: installed for the whole process (isolate) before anything signs or hashes. */
  readonly primitives: Primitives
  /** secrets.ts: the key store, UVCI key and admin token. */
  secrets(config: Config, now: Date): Promise<EdgeSecrets>
  /** Problems a production start has at this edge beyond the shared check (Node: DATA_DIR modes). */
  productionProblems?(config: Config): readonly string[]
  /** database.ts */
  database(config: Config): Db & Closable
  /** fetch.ts: the fetch national requests go through (the adapter client adds allow-list and deadlines). */
  upstreamFetch(): typeof fetch & Closable
  /** The fetch trust lists, revocation lists and rules are downloaded with; the global fetch when absent. */
  readonly listFetch?: typeof fetch
  /** conn-info.ts: the connection's address, before CERTBRIDGE_TRUST_PROXY is applied. */
  remoteAddress(request: Request, raw: unknown): string
  /** sandboxes.ts: how the national sandboxes are served in sandbox mode. */
  readonly sandboxes: SandboxHost
  /** scheduler.ts */
  readonly scheduler: Scheduler
  /** Where there is a filesystem; without it list locations must be URLs and a rules directory is refused. */
  readonly files?: EdgeFiles
  /** The QR image decoder of POST /v1/verify and the QA page. */
  qrDecoder(): { readonly decode: QrImageDecoder } & Closable
  /** Canonicalization of GDHCN trust lists off the request thread, started when trust lists are configured. */
  startCanonicalizer?(): { readonly canonize: Canonicalizer; close(): Promise<void> }
  /** The citizen page's card PDF (Node; pdf-lib and its font stay out of the Worker bundle). */
  readonly cardPdf?: CardPdfRenderer
  /** Given this process's registry, what answers /metrics (a Node cluster sums every process's). */
  readonly metricsText?: (local: Metrics) => () => Promise<string>
}
