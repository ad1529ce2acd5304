// `certbridge serve` (what `npm start` runs): the HTTP service on Node until SIGINT/SIGTERM. With
// CERTBRIDGE_WORKERS (or --workers) above 1, a node:cluster of that many processes shares the port.
import cluster from 'node:cluster'
import { createServer } from 'node:net'
import { parseArgs } from 'node:util'
import { prepareDataDir, startServer } from '../runtime/node/main.ts'
import { announceListening, clusterMetrics, startPrimary, workerCount } from '../runtime/node/cluster.ts'
import { createLogger } from '../platform/log.ts'

/**
 * Resolves on the first SIGINT or SIGTERM. The handlers stay: a second signal (a process manager
 * signalling the whole group, then the primary its workers) must not kill a process that is draining.
 */
function untilSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
    // A worker whose primary is gone (killed) has no one to serve for: it stops too.
    if (cluster.isWorker) process.once('disconnect', stop)
  })
}

/** A listen error (busy port, no permission) as one readable line; undefined for any other error. */
function listenFailure(error: unknown, host: string): Error | undefined {
  if (!(error instanceof Error) || !('code' in error)) return undefined
  const port = 'port' in error ? String(error.port) : '?'
  if (error.code === 'EADDRINUSE')
    return new Error(`port ${port} on ${host} is already in use; stop what uses it or choose another with --port or PORT`)
  if (error.code === 'EACCES')
    return new Error(`no permission to listen on port ${port} on ${host}; choose a port above 1023 with --port or PORT`)
  if (error.code === 'EADDRNOTAVAIL') return new Error(`${host} is not an address of this machine; choose another with --host`)
  return undefined
}

/**
 * A cluster's primary checks the port before forking: otherwise every worker would fail to listen and
 * print its own line. Resolves when the port can be bound (and releases it at once).
 */
function portAvailable(port: number, host: string): Promise<void> {
  if (port === 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', (error) => reject(listenFailure(error, host) ?? error))
    probe.listen(port, host, () => probe.close(() => resolve()))
  })
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log(
      'Usage: certbridge serve [--port N] [--host ADDR] [--data-dir DIR] [--workers N|auto]\n\n' +
        '--workers  processes sharing the port (default CERTBRIDGE_WORKERS, else 1; auto = one per core)\n\n' +
        'Configuration comes from the environment; see README.md. Without any, sandbox mode.',
    )
    return 0
  }
  const port = values.port === undefined ? undefined : Number(values.port)
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new Error('--port must be a port number')
  const workers = workerCount(values.workers ?? process.env.CERTBRIDGE_WORKERS)
  const options = { port, host: values.host, dataDir: values['data-dir'] }

  if (cluster.isPrimary && workers > 1) {
    // The keys, secrets and schema every worker opens are made here, once, before any worker starts.
    const config = await prepareDataDir(options)
    await portAvailable(options.port ?? config.port, options.host ?? '127.0.0.1')
    const primary = await startPrimary({ workers, log: createLogger() })
    console.error(`certbridge listening on ${primary.url} (${config.mode} mode, ${workers} workers)`)
    const outcome = await Promise.race([
      untilSignal().then(() => 0),
      primary.failed.then((error) => (console.error(`certbridge: ${error.message}`), 1)),
    ])
    await primary.stop()
    return outcome
  }

  const server = await startServer({ ...options, ...(cluster.isWorker ? { metricsText: clusterMetrics } : {}) }).catch((error: unknown) => {
    throw listenFailure(error, options.host ?? '127.0.0.1') ?? error
  })
  if (cluster.isWorker) announceListening(server.url)
  else console.error(`certbridge listening on ${server.url} (${server.config.mode} mode)`)
  await untilSignal()
  await server.close()
  // The IPC channel would keep a worker alive: closing it lets the process end like a lone server.
  if (cluster.isWorker && process.connected) process.disconnect()
  return 0
}
