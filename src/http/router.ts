import { OpenAPIHono } from '@hono/zod-openapi'
import { HttpError } from './problem.ts'

export type AppEnv = {
  Variables: {
    requestId: string
    /** The adapter the request's QR text belongs to, once a handler knows it (for the request log). */
    adapter?: string
  }
}

/** An OpenAPIHono router whose request-schema violations become problem+json (values never echoed). */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
        throw new HttpError('BAD_REQUEST', `The request is invalid: ${issues.slice(0, 5).join('; ')}`)
      }
    },
  })
}
