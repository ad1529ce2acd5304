// Entry of a QR decoding worker thread (src/runtime/node/qr/decode-pool.ts): a worker does not inherit the
// parent's TypeScript loader, so it registers tsx's before loading the TypeScript worker body.
import { register } from 'tsx/esm/api'

register()
await import('./decode-worker.ts')
