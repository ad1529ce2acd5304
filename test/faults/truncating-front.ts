// A pass-through HTTP front (Node only) placed before a fault proxy. When `truncate` is on it answers
// 200 application/json announcing more bytes than it sends, then cuts the connection: the one fault
// src/runtime/node/sandbox/faults.ts does not inject. Otherwise it pipes requests and answers unchanged, so the
// proxy's own faults (hang, slow body, reset, ...) still reach the client as they are.
import { createServer, request } from 'node:http'
import { listen } from '../../src/runtime/node/sandbox/listen.ts'

export interface TruncatingFront {
  readonly baseUrl: string
  /** Requests answered truncated. */
  truncated: number
  setTruncate(on: boolean): void
  close(): Promise<void>
}

export async function startTruncatingFront(target: string): Promise<TruncatingFront> {
  const upstream = new URL(target)
  let truncate = false
  const front: { truncated: number } = { truncated: 0 }
  const server = createServer((req, res) => {
    if (truncate) {
      front.truncated += 1
      req.resume()
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' })
      res.write('{"items":[{"type":"VACCINE_CERT","unrz":"9')
      setTimeout(() => req.socket.destroy(), 5)
      return
    }
    const out = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
        answer.on('error', () => res.destroy())
      },
    )
    out.on('error', () => res.destroy())
    res.on('close', () => out.destroy())
    req.pipe(out)
  })
  const served = await listen(server, 0)
  return {
    baseUrl: served.baseUrl,
    get truncated() {
      return front.truncated
    },
    set truncated(n: number) {
      front.truncated = n
    },
    setTruncate(on) {
      truncate = on
    },
    close: () => served.close(),
  }
}
