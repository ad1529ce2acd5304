// Starts the real Node server in sandbox mode on 127.0.0.1 with a fresh data directory, capturing
// its log lines, for end-to-end tests over real HTTP.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, type RunningServer } from '../../src/runtime/node/main.ts'
import { createLogger } from '../../src/platform/log.ts'

export interface TestServer extends RunningServer {
  readonly dataDir: string
  readonly logs: string[]
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'certbridge-e2e-'))
  const logs: string[] = []
  const server = await startServer({
    port: 0,
    dataDir,
    // One test process is one client sending many requests, many at once for one record: the limits
    // and the binding-attempt budget (attempts in flight count) are lifted unless a test sets them.
    env: {
      CERTBRIDGE_RATE_PER_CLIENT_PER_MINUTE: '100000',
      CERTBRIDGE_RATE_PER_RECORD_PER_HOUR: '100000',
      CERTBRIDGE_RATE_VERIFY_PER_CLIENT_PER_MINUTE: '100000',
      CERTBRIDGE_HOLDER_MAX_MISMATCHES: '100000',
      CERTBRIDGE_HOLDER_MAX_MISMATCHES_PER_RECORD: '100000',
      ...env,
    },
    log: createLogger((line) => logs.push(line)),
  })
  return {
    ...server,
    dataDir,
    logs,
    async close() {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
