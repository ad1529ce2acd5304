// `certbridge sandbox [--port N]`: starts every national sandbox on 127.0.0.1 (on N, N+1, ... in
// registry order, or on ephemeral ports) and prints their base URLs, adapter settings and sample
// links; runs until Ctrl-C. Secrets (tokens) are sandbox test values, printed as such.
import { adapters } from '../../adapters/registry.ts'
import { settingVariable } from '../config.ts'
import { loopbackSandboxes } from '../runtime/node/sandboxes.ts'
import { startSandboxes } from '../service/sandboxes.ts'

function parsePort(argv: string[]): number | undefined | 'bad' {
  const index = argv.indexOf('--port')
  if (index === -1) return undefined
  const port = Number(argv[index + 1])
  return Number.isInteger(port) && port > 0 && port < 65536 - adapters.length ? port : 'bad'
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log('Usage: certbridge sandbox [--port N]\n\nStarts every national sandbox on 127.0.0.1 and prints base URLs and sample links.')
    return 0
  }
  const port = parsePort(argv)
  if (port === 'bad') {
    console.error('certbridge sandbox: --port needs a port number')
    return 2
  }
  const running = await startSandboxes(loopbackSandboxes(port === undefined ? {} : { firstPort: port }))
  console.log('SANDBOX MODE: emulated national services with invented people; test tokens only.\n')
  for (const sandbox of running.running) {
    console.log(`${sandbox.adapterId}  ${sandbox.baseUrl}`)
    for (const [name, value] of Object.entries(sandbox.settings))
      if (value !== undefined) console.log(`  ${settingVariable(sandbox.adapterId, name)}=${value}`)
    for (const sample of running.samples.filter((s) => s.adapter === sandbox.adapterId))
      console.log(`  [${sample.expect.status}${sample.expect.code ? ` ${sample.expect.code}` : ''}] ${sample.name}\n      ${sample.qr}`)
    console.log('')
  }
  console.log('Press Ctrl-C to stop.')
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await running.close()
  return 0
}
