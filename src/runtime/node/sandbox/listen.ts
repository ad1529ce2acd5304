// Node http servers on 127.0.0.1 for sandboxes and test doubles. Port 0 picks an ephemeral port.
import type { Server } from 'node:http'
import { createAdaptorServer } from '@hono/node-server'
import type { AdapterSandbox } from '../../../../adapters/_sdk/sandbox.ts'

export interface ServedSandbox {
  /** e.g. 'http://127.0.0.1:41234' (no trailing slash) */
  readonly baseUrl: string
  close(): Promise<void>
}

/** Listens on 127.0.0.1:<port> (0 = ephemeral) and answers with the sandbox's fetch. */
export async function serveSandbox(sandbox: AdapterSandbox, options: { port?: number } = {}): Promise<ServedSandbox> {
  const server = createAdaptorServer({ fetch: (request: Request) => sandbox.fetch(request) }) as Server
  return listen(server, options.port ?? 0)
}

/** Starts a Node http server on 127.0.0.1 and gives its base URL and an idempotent close. */
export function listen(server: Server, port: number): Promise<ServedSandbox> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    // Exclusive: in a cluster worker a plain listen would share one port among all workers through
    // the primary, and each worker's upstream calls would land in a sibling's sandbox.
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      server.off('error', reject)
      const address = server.address()
      if (address === null || typeof address === 'string') return reject(new Error('the server has no TCP address'))
      let closing: Promise<void> | undefined
      resolve({
        baseUrl: `http://127.0.0.1:${address.port}`,
        close: () => {
          closing ??= new Promise<void>((done) => {
            server.close(() => done())
            server.closeAllConnections()
          })
          return closing
        },
      })
    })
  })
}
