// `certbridge serve` (what `npm start` runs): the HTTP service on Node until SIGINT/SIGTERM.
import { parseArgs } from 'node:util'
import { startServer } from '../node.ts'

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  })
  if (values.help) {
    console.log('Usage: certbridge serve [--port N] [--host ADDR] [--data-dir DIR]\n\nConfiguration comes from the environment; see README.md. Without any, sandbox mode.')
    return 0
  }
  const port = values.port === undefined ? undefined : Number(values.port)
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new Error('--port must be a port number')
  const server = await startServer({ port, host: values.host, dataDir: values['data-dir'] })
  console.error(`certbridge listening on ${server.url} (${server.config.mode} mode)`)
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await server.close()
  return 0
}
