// `npm run load -- [--seconds N | --requests N] [--connections C] [--json] ...`: the national peak,
// measured on a fair rig, with the floor measured beside it in the same run.
//
// 1. The national sandboxes run in a process of their own (tools/load/sandboxes.ts), with a synthetic
//    population; the service, in sandbox mode, is pointed at them by its adapter settings
//    (CERTBRIDGE_<ADAPTER>_BASE_URL, ...), so its own in-process sandboxes stay idle.
// 2. The service (a cluster of --workers processes) is driven over the mix of tools/load/mix.ts with
//    autocannon; its CPU over the run (every process of its tree, from /proc) divided by its 201
//    answers is `serverCpuMsPerConversion`. It is then stopped, and nothing may be lost: every 201 has
//    its row, no record and event got two UVCIs, no 5xx, every request got the status the mix expects.
// 3. The floor (tools/load/floor.ts: node:http, the same exchanges with the same sandboxes, one ES256,
//    an answer of the service's size) is driven by the same mix with the same settings: its rps, p99
//    and CPU per request, and the ratio of the service's rps to the floor's.
import type { ChildProcess } from 'node:child_process'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { isoDay } from '../../adapters/_sdk/dates.ts'
import { sizeMeter } from './answer-sizes.ts'
import { ask, freePort, startScript, stop, waitForHealth } from './children.ts'
import { drive, type DriveOptions } from './drive.ts'
import type { FloorConfig } from './floor.ts'
import { createMix } from './mix.ts'
import { cpuBetween, machineBusyMs, treeCpu } from './process-cpu.ts'
import { buildReport, combineRuns, parseDbWrites, printReport, type RunFigures } from './report.ts'
import { loadSamples } from './samples.ts'
import type { SandboxesReady } from './sandboxes.ts'
import { checkStored } from './stored.ts'

const USAGE = `Usage: npm run load -- [--seconds N | --requests N] [--connections C] [--json] [--workers N|auto] [--population N] [--qr svg,png|svg|png|none] [--floor-qr] [--slices K] [--profile DIR]

--seconds      each of the service and the floor is driven N seconds in all (default 30)
--slices       in K turns each, alternately, the service first (default 6: 5 s turns at 30 s)
--requests     each is driven once, for exactly N requests instead
--connections  concurrent connections of the load generator (default 32)
--workers      service processes, and floor processes (default auto: one per core)
--population   synthetic holders to draw first issuances from (default 60000)
--qr           the QR images each conversion asks for (default svg, as the API answers by default)
--floor-qr     the floor also draws the SVG QR symbol of an HC1-sized text per 201, with the service's renderer
--profile DIR  writes a V8 CPU profile of the service's processes to DIR (open it in Chrome DevTools)
--json         one JSON line on stdout (progress on stderr)`

interface Options {
  readonly seconds: number
  readonly requests: number | undefined
  readonly connections: number
  readonly json: boolean
  readonly profile: string | undefined
  readonly workers: string
  readonly population: number
  readonly qr: string
  readonly floorQr: boolean
  readonly slices: number
}

function parseOptions(argv: string[]): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      seconds: { type: 'string', default: '30' },
      requests: { type: 'string' },
      connections: { type: 'string', default: '32' },
      json: { type: 'boolean', default: false },
      profile: { type: 'string' },
      workers: { type: 'string', default: 'auto' },
      population: { type: 'string', default: '60000' },
      qr: { type: 'string', default: 'svg' },
      'floor-qr': { type: 'boolean', default: false },
      slices: { type: 'string', default: '6' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return 'help'
  const seconds = Number(values.seconds)
  // --requests N: exactly N requests however long they take (the test's way: its counts then do not
  // depend on the machine's speed), instead of as many as fit in --seconds.
  const requests = values.requests === undefined ? undefined : Number(values.requests)
  if (requests !== undefined && !(Number.isInteger(requests) && requests > 0 && requests <= 1_000_000))
    throw new Error('--requests must be a whole number from 1 to 1000000')
  const connections = Number(values.connections)
  const population = Number(values.population)
  if (!(seconds > 0 && seconds <= 600) || !(Number.isInteger(connections) && connections > 0 && connections <= 1000))
    throw new Error('--seconds must be 1–600 and --connections 1–1000')
  if (!Number.isInteger(population) || population < 0 || population > 1_000_000)
    throw new Error('--population must be a whole number from 0 to 1000000')
  const slices = Number(values.slices)
  if (!(Number.isInteger(slices) && slices >= 1 && slices <= seconds))
    throw new Error('--slices must be a whole number from 1 to --seconds')
  if (!/^(none|(svg|png)(,(svg|png))?)$/.test(values.qr)) throw new Error('--qr must be svg, png, svg,png or none')
  if (!(values.workers === 'auto' || (/^\d+$/.test(values.workers) && Number(values.workers) >= 1 && Number(values.workers) <= 64)))
    throw new Error("--workers must be 'auto' or a whole number from 1 to 64")
  return {
    seconds,
    requests,
    connections,
    json: values.json,
    profile: values.profile,
    workers: values.workers,
    population,
    qr: values.qr,
    floorQr: values['floor-qr'],
    slices,
  }
}

/** How many requests the sandboxes have answered so far. */
async function exchangesSoFar(sandboxes: ChildProcess): Promise<number> {
  const answer = await ask(sandboxes, 'exchanges?')
  if (typeof answer === 'object' && answer !== null && 'exchanges' in answer && typeof answer.exchanges === 'number')
    return answer.exchanges
  throw new Error('the sandbox process did not say how many requests it answered')
}

/** A run of the generator with the CPU of the measured server's tree and of the sandboxes' over it. */
async function measured(server: ChildProcess, sandboxes: ChildProcess, options: DriveOptions): Promise<RunFigures> {
  const exchangesBefore = await exchangesSoFar(sandboxes)
  const before = {
    server: treeCpu(server.pid!),
    sandboxes: treeCpu(sandboxes.pid!),
    generator: process.cpuUsage(),
    machine: machineBusyMs(),
  }
  const driven = await drive(options)
  const serverCpu = cpuBetween(before.server, treeCpu(server.pid!))
  const sandboxCpu = cpuBetween(before.sandboxes, treeCpu(sandboxes.pid!))
  const generator = process.cpuUsage(before.generator)
  const machine = machineBusyMs()
  if (serverCpu?.ended.length)
    process.stderr.write(`load: ${serverCpu.ended.length} server process(es) ended during the run: their CPU is not counted\n`)
  const generatorCpuMs = (generator.user + generator.system) / 1000
  const rigCpuMs = serverCpu && sandboxCpu ? serverCpu.ms + sandboxCpu.ms + generatorCpuMs : undefined
  const otherCpuMs =
    machine !== undefined && before.machine !== undefined && rigCpuMs !== undefined
      ? Math.max(0, machine - before.machine - rigCpuMs)
      : undefined
  const exchanges = (await exchangesSoFar(sandboxes)) - exchangesBefore
  return { driven, serverCpuMs: serverCpu?.ms, sandboxCpuMs: sandboxCpu?.ms, generatorCpuMs, otherCpuMs, exchanges }
}

async function run(argv: string[]): Promise<number> {
  const options = parseOptions(argv)
  if (options === 'help') {
    console.log(USAGE)
    return 0
  }
  const say = (line: string) => (options.json ? process.stderr.write(`${line}\n`) : console.log(line))
  const workers = options.workers === 'auto' ? Math.min(64, availableParallelism()) : Number(options.workers)
  // Two sandboxes (ru-gosuslugi, ru-mos) serve a population each.
  const perSandbox = Math.ceil(options.population / 2)
  const today = isoDay(new Date())
  const dataDir = mkdtempSync(join(tmpdir(), 'certbridge-load-'))
  const children: ChildProcess[] = []
  try {
    const sandboxes = await startScript<SandboxesReady>(
      'tools/load/sandboxes.ts',
      ['--population', String(perSandbox), '--today', today],
      process.env,
      { ipc: true },
    )
    children.push(sandboxes.child)

    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    // The service runs compiled, as `npm start` runs it (bin/certbridge.mjs takes dist/ when it is
    // fresh); through tsx it costs about half a millisecond more CPU per conversion.
    const build = spawnSync(process.execPath, [fileURLToPath(new URL('../build.mjs', import.meta.url)), '--if-stale'], { stdio: 'inherit' })
    if (build.status !== 0) throw new Error('npm run build failed: the service is measured compiled')
    const bin = fileURLToPath(new URL('../../bin/certbridge.mjs', import.meta.url))
    const profile = options.profile ? ['--cpu-prof', '--cpu-prof-dir', options.profile] : []
    const service = spawn(process.execPath, [...profile, bin, 'serve'], {
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: dataDir,
        CERTBRIDGE_MODE: 'sandbox',
        CERTBRIDGE_WORKERS: String(workers),
        // One load generator is one client: lift the per-client and per-record limits for the run.
        CERTBRIDGE_RATE_PER_CLIENT_PER_MINUTE: '100000000',
        CERTBRIDGE_RATE_PER_RECORD_PER_HOUR: '100000000',
        CERTBRIDGE_HOLDER_MAX_MISMATCHES: '100000000',
        CERTBRIDGE_HOLDER_MAX_MISMATCHES_PER_RECORD: '100000000',
        // The sandboxes of the rig's own process; the service's in-process ones serve no population.
        ...sandboxes.ready.env,
        CERTBRIDGE_SANDBOX_POPULATION: '0',
        ...(process.env.CERTBRIDGE_LOAD_SERVER_ENV ? JSON.parse(process.env.CERTBRIDGE_LOAD_SERVER_ENV) : {}),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    children.push(service)
    await waitForHealth(url, service)

    const { curated, population } = loadSamples({ perSandbox, total: options.population, today })
    const length = options.requests === undefined ? `${options.seconds} s` : `${options.requests} requests`
    say(
      `load: ${population.length} synthetic holders and ${curated.length} curated samples in a sandbox process, ${options.connections} connections, ${length} each for the service and the floor${options.requests === undefined ? ` in ${options.slices} alternate turns` : ''}, ${workers} workers each, QR images: ${options.qr}`,
    )

    // The service and the floor take turns: --slices slices each, the service first and the floor
    // last, so that both meet the same machine (a shared machine's speed drifts within a minute, and a
    // ratio of two runs a minute apart moved by a third). The floor starts after the service's first
    // slice, which gives it the sizes to copy. With --requests each runs once, whole.
    const uvciByBody = new Map<string, Set<string>>()
    let unexpected = 0
    let firstIssued = 0
    const sizes = sizeMeter()
    const slices = options.requests === undefined ? options.slices : 1
    const common = {
      connections: options.connections,
      seconds: options.seconds / slices,
      qr: options.qr,
      ...(options.requests === undefined ? {} : { requests: options.requests }),
    }
    const serviceMix = createMix(curated, population)
    const serviceSlice = () =>
      measured(service, sandboxes.child, {
        ...common,
        url,
        mix: serviceMix,
        onAnswer: (request, status, body) => {
          sizes.add(status, body)
          if (status !== request.expectStatus) unexpected++
          if (status !== 201) return
          // Two fields of a 17 KB answer: read without parsing it all (the generator shares the CPU).
          const uvci = /"uvci":"([^"]+)"/.exec(body)?.[1] ?? 'missing'
          if (!body.includes('"repeated":true')) firstIssued++
          let set = uvciByBody.get(request.body)
          if (!set) uvciByBody.set(request.body, (set = new Set()))
          set.add(uvci)
        },
      })
    const serviceSlices: RunFigures[] = [await serviceSlice()]

    // The floor: the same rig, mix and settings.
    const { measured: sizesMeasured, ...floorSizes } = sizes.sizes()
    if (!sizesMeasured) say('load: the service issued nothing: the floor copies assumed answer sizes')
    const floorConfig: FloorConfig = {
      port: await freePort(),
      workers,
      settings: sandboxes.ready.settings,
      ...floorSizes,
      drawQr: options.floorQr,
    }
    const floor = await startScript<{ url: string }>('tools/load/floor.ts', [], {
      ...process.env,
      CERTBRIDGE_LOAD_FLOOR: JSON.stringify(floorConfig),
    })
    children.push(floor.child)
    const floorMix = createMix(curated, population)
    const floorSlice = () => measured(floor.child, sandboxes.child, { ...common, url: floor.ready.url, mix: floorMix })
    const floorSlices: RunFigures[] = [await floorSlice()]
    for (let i = 1; i < slices; i++) {
      serviceSlices.push(await serviceSlice())
      floorSlices.push(await floorSlice())
    }
    await stop(floor.child)
    const db = parseDbWrites(await (await fetch(`${url}/metrics`)).text())
    await stop(service)
    const serviceRun = combineRuns(serviceSlices)
    const floorRun = combineRuns(floorSlices)
    const uvcis = new Set([...uvciByBody.values()].flatMap((s) => [...s]))
    const stored = await checkStored(dataDir, uvcis)
    const duplicates = [...uvciByBody.values()].filter((s) => s.size > 1).length

    const report = buildReport({
      service: serviceRun,
      checks: { firstIssued, unexpected, duplicates, distinctUvcis: uvcis.size, ...stored },
      floor: floorRun,
      qr: options.qr,
      slices,
      workers,
      cores: availableParallelism(),
      connections: options.connections,
      floorSizes,
      floorDrawsQr: options.floorQr,
      db,
    })
    if (options.json) console.log(JSON.stringify(report))
    else printReport(report, say)
    const clean = report.lost === 0 && report.duplicates === 0 && report.errors5xx === 0 && report.unexpected === 0
    if (report.floor.non2xx > 0) say(`load: ${report.floor.non2xx} floor answers were not 2xx: its figures do not hold`)
    return clean && report.floor.non2xx === 0 ? 0 : 1
  } finally {
    for (const child of children.reverse()) await stop(child)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

process.exitCode = await run(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`load: ${error instanceof Error ? error.message : String(error)}`)
  return 1
})
