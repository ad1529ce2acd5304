// The floor server of the load rig (`node bin/dev.mjs tools/load/floor.ts`, configured by the JSON in
// CERTBRIDGE_LOAD_FLOOR, see FloorConfig): what a conversion cannot do without, and nothing else.
// Plain node:http, a cluster of `workers` processes on one port as the service runs with --workers.
// Per request it reads the JSON body, makes the upstream exchanges the adapters make for its `qr`
// (tools/load/floor-exchanges.ts) to the same sandboxes, through undici's `request` with the service's
// pool settings, then signs one ES256 (node:crypto) over a payload the size of the service's COSE
// payload and answers 201 with a body the size of the service's 201 answer. A link with no exchange,
// or whose record the sandboxes do not hold, is answered 200 with a body the size of the service's
// refusals, unsigned (the service refuses those without signing). Every answer is 2xx unless an
// exchange failed (502): the floor checks nothing, so the rig's checks of the service do not apply.
// With `drawQr` (npm run load -- --floor-qr) it also draws, per 201, the SVG QR symbol of an HC1-like
// text of the service's HC1 length with the service's own renderer (src/qr/render.ts), and answers it
// in the body: the floor of a conversion that draws its QR, to tell the QR's share from the rest.
// Writes one JSON line ({ url }) to stdout once every worker listens; SIGTERM stops them.
import cluster from 'node:cluster'
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import { fileURLToPath } from 'node:url'
import { Agent, request } from 'undici'
import { QR_MARGIN, qrMatrix, renderSvg } from '../../src/qr/render.ts'
import { exchange, planFor, type Send, type UpstreamSettings } from './floor-exchanges.ts'

export interface FloorConfig {
  readonly port: number
  readonly workers: number
  readonly settings: UpstreamSettings
  /** Bytes of the COSE payload the floor signs. */
  readonly payloadBytes: number
  /** Bytes of a 201 answer's body. */
  readonly answerBytes: number
  /** Bytes of a refusal's body. */
  readonly refusalBytes: number
  /** Characters of the service's HC1 texts: the length of the text drawn with `drawQr`. */
  readonly hc1Chars: number
  /** Draws the SVG QR symbol of an HC1-sized text per 201, as the service does by default. */
  readonly drawQr: boolean
}

const config = JSON.parse(process.env.CERTBRIDGE_LOAD_FLOOR ?? 'null') as FloorConfig | null
if (!config) throw new Error('CERTBRIDGE_LOAD_FLOOR must hold the floor configuration (JSON)')

/** A JSON body of `bytes` bytes (or just its fields when they are longer): `{<fields>,"pad":"xx…"}`. */
function padded(fields: string, bytes: number): string {
  const bare = `{${fields},"pad":""}`
  return `{${fields},"pad":"${'x'.repeat(Math.max(0, bytes - bare.length))}"}`
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function qrOf(body: string): string | undefined {
  try {
    const qr: unknown = (JSON.parse(body) as { qr?: unknown }).qr
    return typeof qr === 'string' ? qr : undefined
  } catch {
    return undefined
  }
}

function worker(options: FloorConfig): void {
  // The service's upstream pool (src/runtime/node/fetch.ts) and default headers.
  const agent = new Agent({
    connections: 128,
    connectTimeout: 3_000,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
    keepAliveTimeout: 10_000,
  })
  const send: Send = async (method, url, headers, body) => {
    const answer = await request(url, {
      dispatcher: agent,
      method,
      headers: { 'user-agent': 'certbridge', 'accept-encoding': 'identity', ...headers },
      body,
    })
    return { status: answer.statusCode, text: await answer.body.text() }
  }
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const payload = randomBytes(options.payloadBytes)
  // The signature (86 base64url characters) goes into the 201 answer, padded to the service's size.
  const issuedHead = '{"signature":"'
  const issuedTail = `","pad":"${'x'.repeat(Math.max(0, options.answerBytes - issuedHead.length - 86 - '","pad":""}'.length))}"}`
  const refused = padded('"status":200', options.refusalBytes)
  let counter = 0
  // HC1-like text: the prefix, then base45 characters; each request changes its first ones.
  const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:'
  const hc1Tail = Array.from(randomBytes(Math.max(0, options.hc1Chars - 4)), (b) => BASE45[b % 45]).join('')
  /** The 201 body with the QR symbol of the signature's HC1-sized text, padded to the service's size. */
  const withQr = (signature: string): string => {
    // The signature's first 40 characters, mapped into base45, make each text (and so each symbol) differ.
    const varying = Array.from(signature.slice(0, 40), (c) => BASE45[c.charCodeAt(0) % 45]).join('')
    const text = `HC1:${varying}${hc1Tail.slice(varying.length)}`
    return padded(`"signature":"${signature}","svg":${JSON.stringify(renderSvg(qrMatrix(text), QR_MARGIN))}`, options.answerBytes)
  }

  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000 }, (req, res) => {
    void (async () => {
      const qr = qrOf(await readBody(req))
      const plan = qr === undefined ? null : planFor(qr)
      let signs = false
      if (plan) {
        try {
          signs = await exchange(plan, options.settings, send)
        } catch {
          res.writeHead(502, { 'content-type': 'application/json' })
          return void res.end('{"status":502}')
        }
      }
      if (!signs) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(refused.length) })
        return void res.end(refused)
      }
      payload.writeUInt32BE(counter++ >>> 0, 0) // a different payload each time
      const signature = sign('sha256', payload, { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')
      const body = options.drawQr ? withQr(signature) : issuedHead + signature + issuedTail
      res.writeHead(201, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) })
      res.end(body)
    })()
  })
  server.listen(options.port, '127.0.0.1')
}

if (cluster.isPrimary) {
  const expected = config.workers
  let listening = 0
  let stopping = false
  cluster.on('listening', () => {
    if (++listening === expected) process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${config.port}` })}\n`)
  })
  cluster.on('exit', (_worker, code, signal) => {
    if (!stopping) {
      process.stderr.write(`floor: a worker exited (${signal ?? code}); stopping\n`)
      process.exit(1)
    }
  })
  process.once('SIGTERM', () => {
    stopping = true
    cluster.disconnect(() => process.exit(0)) // each worker closes its server and exits
    setTimeout(() => process.exit(0), 5_000).unref()
  })
  // Workers run this file through bin/dev.mjs (tsx), as the primary was started.
  cluster.setupPrimary({ exec: fileURLToPath(new URL('../../bin/dev.mjs', import.meta.url)), args: [fileURLToPath(import.meta.url)] })
  for (let i = 0; i < expected; i++) cluster.fork()
} else {
  worker(config)
}
