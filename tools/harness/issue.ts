// Part (2): the real service in sandbox mode on 127.0.0.1 with a fresh temporary DATA_DIR, and one
// certificate per issuable sandbox sample (expect.status 201) through the real HTTP API, exactly as a
// citizen's client would send it. The published trust list and JWKS are fetched for part (3).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLogger } from '../../src/platform/log.ts'
import { startServer, type RunningServer } from '../../src/runtime/node/main.ts'
import { HarnessError } from './errors.ts'
import { silentProgress, type Progress } from '../../src/cli/progress.ts'

export interface Sample {
  readonly adapter: string
  readonly name: string
  readonly qr: string
  readonly holder: Record<string, unknown>
  readonly expect: { status: number; type?: string; code?: string }
}

export interface Issued {
  readonly adapter: string
  readonly sample: string
  readonly hc1: string
  readonly uvci: string
  readonly type: string
  readonly kid: string
  readonly issuedAt: string
}

/** An issuable sample the service refused: a bug of the bridge, reported and counted as such. */
export interface IssuanceFailure {
  readonly adapter: string
  readonly sample: string
  readonly status: number
  readonly code: string
}

export interface Published {
  /** GET /v1/trust-list: our DSCs in the EU gateway JSON shape. */
  readonly trustList: unknown
  /** GET /.well-known/jwks.json. */
  readonly jwks: { keys: Array<Record<string, unknown>> }
}

export interface Sandbox {
  readonly url: string
  close(): Promise<void>
}

/** Starts the service in sandbox mode; the data directory is removed on close. */
export async function startSandbox(): Promise<Sandbox> {
  const dataDir = mkdtempSync(join(tmpdir(), 'certbridge-harness-'))
  let server: RunningServer
  try {
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      // The harness is one client issuing every sample: the per-client and per-record limits would stop it.
      env: { CERTBRIDGE_MODE: 'sandbox', CERTBRIDGE_RATE_PER_CLIENT_PER_MINUTE: '100000', CERTBRIDGE_RATE_PER_RECORD_PER_HOUR: '100000' },
      log: createLogger(() => {}),
    })
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true })
    throw new HarnessError('HARNESS_SERVICE', 'the service did not start in sandbox mode', { cause: error })
  }
  return {
    url: server.url,
    async close() {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url)
  if (!res.ok) throw new HarnessError('HARNESS_SERVICE', `GET ${new URL(url).pathname} answered ${res.status}`)
  return res.json()
}

export async function fetchSamples(url: string): Promise<Sample[]> {
  const body = (await getJson(`${url}/v1/sandbox/samples`)) as { samples?: Sample[] }
  if (!Array.isArray(body.samples)) throw new HarnessError('HARNESS_SERVICE', 'GET /v1/sandbox/samples has no samples list')
  return body.samples
}

export async function fetchPublished(url: string): Promise<Published> {
  const trustList = await getJson(`${url}/v1/trust-list`)
  const jwks = (await getJson(`${url}/.well-known/jwks.json`)) as Published['jwks']
  if (!Array.isArray(jwks?.keys)) throw new HarnessError('HARNESS_SERVICE', 'GET /.well-known/jwks.json has no keys')
  return { trustList, jwks }
}

/** The issuable samples; with `perAdapter`, only the first ones of each adapter. */
export function issuable(samples: readonly Sample[], perAdapter?: number): Sample[] {
  const chosen = samples.filter((s) => s.expect.status === 201)
  if (perAdapter === undefined) return chosen
  const counts = new Map<string, number>()
  return chosen.filter((s) => {
    const n = (counts.get(s.adapter) ?? 0) + 1
    counts.set(s.adapter, n)
    return n <= perAdapter
  })
}

export async function issueSamples(
  url: string,
  samples: readonly Sample[],
  progress: Progress = silentProgress,
): Promise<{ issued: Issued[]; failures: IssuanceFailure[] }> {
  const issued: Issued[] = []
  const failures: IssuanceFailure[] = []
  progress.phase('issuing through POST /v1/certificates', samples.length)
  for (const sample of samples) {
    const res = await fetch(`${url}/v1/certificates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ qr: sample.qr, holder: sample.holder, consent: true }),
    })
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>
    progress.tick()
    if (res.status !== 201 || typeof body.hc1 !== 'string') {
      failures.push({
        adapter: sample.adapter,
        sample: sample.name,
        status: res.status,
        code: typeof body.code === 'string' ? body.code : 'NO_CERTIFICATE',
      })
      continue
    }
    issued.push({
      adapter: sample.adapter,
      sample: sample.name,
      hc1: body.hc1,
      uvci: String(body.uvci),
      type: String(body.type),
      kid: String(body.kid),
      issuedAt: String(body.issuedAt),
    })
  }
  progress.done(`${issued.length} issued, ${failures.length} refused`)
  return { issued, failures }
}
