// Node: trust-list canonicalization in one worker thread, started on first use, so that reading or
// refreshing a large GDHCN list never stalls the thread that answers requests. Installed by the Node
// edge with useCanonicalizer; a worker that dies fails the documents in flight and is started anew
// for the next one.
import { Worker } from 'node:worker_threads'
import { CanonizeError, type Canonicalizer } from '../../../trust/gdhcn/canonize.ts'
import type { CanonizeAnswer } from './canonize-thread-worker.ts'

export interface CanonizeThread {
  readonly canonize: Canonicalizer
  close(): Promise<void>
}

export function startCanonizeThread(): CanonizeThread {
  let worker: Worker | undefined
  let nextId = 0
  const pending = new Map<number, { resolve(nquads: string): void; reject(error: Error): void }>()

  const failAll = (error: Error) => {
    for (const job of pending.values()) job.reject(error)
    pending.clear()
    worker = undefined
  }

  function spawn(): Worker {
    const started = new Worker(new URL('./canonize-thread-boot.mjs', import.meta.url))
    started.unref()
    started.on('message', (answer: CanonizeAnswer) => {
      const job = pending.get(answer.id)
      if (!job) return
      pending.delete(answer.id)
      if (pending.size === 0) started.unref() // an idle thread does not hold the process
      if ('nquads' in answer) job.resolve(answer.nquads)
      else job.reject(new CanonizeError('TRUST_LIST_INVALID', answer.message))
    })
    started.on('error', (error) => failAll(new CanonizeError('TRUST_LIST_INVALID', 'the canonicalization thread failed', { cause: error })))
    started.on('exit', () => {
      if (worker === started) failAll(new CanonizeError('TRUST_LIST_INVALID', 'the canonicalization thread stopped'))
    })
    return started
  }

  return {
    canonize(document) {
      worker ??= spawn()
      worker.ref()
      const id = nextId++
      const answer = new Promise<string>((resolve, reject) => pending.set(id, { resolve, reject }))
      worker.postMessage({ id, document })
      return answer
    },
    async close() {
      const stopping = worker
      worker = undefined
      await stopping?.terminate()
    },
  }
}
