// A request body cap, as Hono's bodyLimit, with a cheap path for a declared length: it is checked
// from the header, without touching the body. (On Node, asking a request for its body stream, which
// bodyLimit does first, turns @hono/node-server's light request into a full Web Request, and that
// cost more than reading the body.) The HTTP parser delivers no more than the declared length.
// Chunked bodies and bodiless requests go through bodyLimit, which counts as it reads.
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HttpError } from './problem.ts'

function tooLarge(maxSize: number): never {
  throw new HttpError('PAYLOAD_TOO_LARGE', `The request body is larger than ${maxSize} bytes.`)
}

/** Refuses a body over `maxSize` bytes with PAYLOAD_TOO_LARGE (413). */
export function limitBody(maxSize: number): MiddlewareHandler {
  const counted = bodyLimit({ maxSize, onError: () => tooLarge(maxSize) })
  return (c, next) => {
    const declared = c.req.header('content-length')
    if (declared !== undefined && /^\d+$/.test(declared) && c.req.header('transfer-encoding') === undefined) {
      if (Number(declared) > maxSize) tooLarge(maxSize)
      return next()
    }
    return counted(c, next)
  }
}
