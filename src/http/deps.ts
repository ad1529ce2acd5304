import type { Config } from '../config.ts'
import type { IssuedCertificate, IssueRequest } from '../issue/issue.ts'
import type { SandboxSample } from '../../adapters/_sdk/sandbox.ts'
import type { ServiceMetrics } from './metrics.ts'
import type { Logger } from '../platform/log.ts'
import type { VerifyRouteDeps } from './routes/verify.ts'
import type { CardPdfRenderer } from '../web/card-pdf-types.ts'
import type { AuditPage, AuditSink } from '../audit/audit.ts'
import type { GatewayTrustList, Jwks } from '../trust/publish.ts'
import type { DidTrustListDocument } from '../trust/gdhcn/publish-did.ts'
import type { RevocationHashType } from '../revocation/hashes.ts'

/** GET /v1/revocation-list: our revoked certificates not yet expired, per kid and EU revocation hash type. */
export interface RevocationListDocument {
  readonly generatedAt: string
  readonly hashTypes: RevocationHashType[]
  readonly entries: { readonly kid: string; readonly hashType: RevocationHashType; readonly hashes: string[]; readonly expires: string }[]
}

export interface SampleEntry extends SandboxSample {
  readonly adapter: string
}

/** Everything the HTTP layer needs, built by the service assembly (src/service/service.ts) for either edge. */
export interface AppDeps {
  readonly config: Pick<Config, 'mode'>
  readonly issuer: { issue(request: IssueRequest): Promise<IssuedCertificate> }
  /** Our DSCs in the gateway JSON shape and as JWKS. */
  readonly trustList: () => Promise<GatewayTrustList>
  readonly jwks: () => Promise<Jwks>
  /** The same keys as a GDHCN DID trust list under the given did:web (GET /.well-known/did.json). */
  readonly didDocument?: (did: string) => Promise<DidTrustListDocument>
  readonly revocation: {
    list(): Promise<RevocationListDocument>
    /** Revokes by UVCI; the number of certificates revoked (0 when unknown or already revoked). */
    revoke(uvci: string): Promise<number>
  }
  /** The admin bearer token for POST /v1/revocations. */
  readonly adminToken: string
  /** Sandbox samples (sandbox mode only). */
  readonly samples?: () => readonly SampleEntry[]
  /** The synthetic population's samples (sandbox mode with CERTBRIDGE_SANDBOX_POPULATION only). */
  readonly populationSamples?: () => readonly SampleEntry[]
  /** Identifies the client for per-client rate limits (its address, from the runtime). */
  readonly clientId: (request: Request, raw: unknown) => string
  readonly metrics: ServiceMetrics
  /** The /metrics text; by default this process's registry (a cluster sums all its processes). */
  readonly metricsText?: () => Promise<string>
  /** When set, GET /metrics asks for this bearer token (CERTBRIDGE_METRICS_TOKEN). */
  readonly metricsToken?: string
  /** Records audit events (admin actions); pages through them for GET /v1/audit. */
  readonly audit?: AuditSink
  readonly auditPage?: (options: { limit: number; before?: number }) => Promise<AuditPage>
  /** Counts one hit of a client on the verification and page-helper endpoints (per-client limit). */
  readonly publicLimit?: (client: string) => Promise<{ allowed: boolean; retryAfter: number }>
  readonly log: Logger
  readonly ready: () => Promise<{ ok: boolean; checks: Record<string, string> }>
  /** Trust lists, revocation, rules and the QR image decoder, for POST /v1/verify and HC1 input. */
  readonly verification: VerifyRouteDeps
  /** Draws the citizen page's card PDF (Node only: pdf-lib and its font stay out of the Worker bundle). */
  readonly cardPdf?: CardPdfRenderer
}
