// `npx tsx tools/bench/upstream-fetch.ts`: CPU per upstream exchange (client and a plain node:http server on
// 127.0.0.1, one process) through undici's spec fetch and through src/runtime/node/fetch.ts.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Agent, fetch as undiciFetch } from 'undici'
import { createUpstreamFetch } from '../../src/runtime/node/fetch.ts'

const body = JSON.stringify({
  items: [
    {
      type: 'VACCINE_CERT',
      status: 'OK',
      attrs: Array.from({ length: 12 }, (_, i) => ({ type: `x${i}`, title: `Название ${i}`, value: `Значение ${i}` })),
    },
  ],
})
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
  res.end(body)
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/record`
const dispatcher = new Agent({ connections: 128 })
const upstream = createUpstreamFetch()

async function drain(stream: ReadableStream<Uint8Array> | null): Promise<void> {
  const reader = stream!.getReader()
  while (!(await reader.read()).done);
}

const variants: Record<string, () => Promise<void>> = {
  'undici fetch': async () =>
    drain(
      (await undiciFetch(url, { dispatcher, redirect: 'manual', signal: AbortSignal.timeout(5000) })).body as ReadableStream<Uint8Array>,
    ),
  'upstream-fetch (undici request)': async () => drain((await upstream(url, { signal: AbortSignal.timeout(5000) })).body),
}

const exchanges = 3000
const concurrency = 16
for (const round of ['warm-up', 'measured']) {
  for (const [name, exchange] of Object.entries(variants)) {
    const started = performance.now()
    const cpu = process.cpuUsage()
    let i = 0
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (i++ < exchanges) await exchange()
      }),
    )
    const used = process.cpuUsage(cpu)
    if (round === 'measured')
      console.log(
        `${name.padEnd(32)} ${((used.user + used.system) / exchanges).toFixed(0).padStart(5)} µs CPU per exchange, ${(((performance.now() - started) * 1000) / exchanges).toFixed(0)} µs wall`,
      )
  }
}
server.close()
await Promise.all([dispatcher.close(), upstream.close()])
