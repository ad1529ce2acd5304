// The national sandboxes of the load rig, in a process of their own (`node bin/dev.mjs
// tools/load/sandboxes.ts --population N --today YYYY-MM-DD`): every registered sandbox, served on
// 127.0.0.1 by the code the service uses in sandbox mode (src/runtime/node/sandbox/listen.ts), each with
// N synthetic holders dated from `today`. When all listen it writes one JSON line to stdout: each
// adapter's settings pointing at its sandbox, and the same as the service's environment variables
// (CERTBRIDGE_<ADAPTER>_<SETTING>, which sandbox mode leaves as they are). Over its IPC channel it
// answers 'exchanges?' with how many requests the sandboxes have answered, so the rig can tell the
// service and the floor made the same exchanges per request. SIGTERM closes them.
import { parseArgs } from 'node:util'
import { adapters, sandboxes } from '../../adapters/registry.ts'
import { settingVariable } from '../../src/config.ts'
import { serveSandbox, type ServedSandbox } from '../../src/runtime/node/sandbox/listen.ts'

/** The answer to 'exchanges?'. */
export interface ExchangeCount {
  readonly exchanges: number
}

/** What the process writes once its sandboxes listen. */
export interface SandboxesReady {
  /** Adapter id → its settings (BASE_URL, RECORD_SOURCE_URL, RECORD_SOURCE_TOKEN, ...). */
  readonly settings: Readonly<Record<string, Readonly<Record<string, string>>>>
  /** The same settings as the service's environment variables. */
  readonly env: Readonly<Record<string, string>>
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { population: { type: 'string', default: '0' }, today: { type: 'string' } } })
  const population = Number(values.population)
  const served: ServedSandbox[] = []
  const settings: Record<string, Record<string, string>> = {}
  const env: Record<string, string> = {}
  let exchanges = 0
  process.on('message', (message) => {
    if (message === 'exchanges?') process.send?.({ exchanges } satisfies ExchangeCount)
  })
  for (const adapter of adapters) {
    const factory = sandboxes[adapter.id]
    if (!factory) continue
    const sandbox = factory({ population, ...(values.today ? { today: values.today } : {}) })
    const counted = { ...sandbox, fetch: (request: Request) => (exchanges++, sandbox.fetch(request)) }
    const running = await serveSandbox(counted, { port: 0 })
    served.push(running)
    const own: Record<string, string> = {}
    for (const [name, value] of Object.entries(sandbox.config(running.baseUrl))) {
      if (value === undefined) continue
      own[name] = value
      env[settingVariable(adapter.id, name)] = value
    }
    settings[adapter.id] = own
  }
  const ready: SandboxesReady = { settings, env }
  process.stdout.write(`${JSON.stringify(ready)}\n`)
  process.once('SIGTERM', () => {
    process.disconnect?.()
    void Promise.all(served.map((s) => s.close())).then(() => process.exit(0))
  })
}

await main()
