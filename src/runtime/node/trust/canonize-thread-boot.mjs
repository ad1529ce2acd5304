// Entry of the canonicalization worker thread (src/runtime/node/trust/canonize-thread.ts): a worker does not
// inherit the parent's TypeScript loader, so it registers tsx's before loading the TypeScript body.
import { register } from 'tsx/esm/api'

register()
await import('./canonize-thread-worker.ts')
