// The body of the canonicalization worker thread (started by canonize-thread.ts): one document per
// message, answered with its canonical N-Quads or with the error's code and message.
import { parentPort } from 'node:worker_threads'
import { canonizeHere } from '../../../trust/gdhcn/canonize.ts'

export interface CanonizeRequest {
  readonly id: number
  readonly document: unknown
}

export type CanonizeAnswer =
  | { readonly id: number; readonly nquads: string }
  | { readonly id: number; readonly code: string; readonly message: string }

const port = parentPort
if (!port) throw new Error('canonize-thread-worker runs only as a worker thread')

port.on('message', async ({ id, document }: CanonizeRequest) => {
  let answer: CanonizeAnswer
  try {
    answer = { id, nquads: await canonizeHere(document) }
  } catch (error) {
    const code = (error as { code?: unknown }).code
    answer = {
      id,
      code: typeof code === 'string' ? code : 'TRUST_LIST_INVALID',
      message: error instanceof Error ? error.message : 'canonicalization failed',
    }
  }
  port.postMessage(answer)
})
