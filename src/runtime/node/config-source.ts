// Node edge: where the configuration is read from. The process environment (or the one a caller
// gives: tests, the cluster's workers), with DATA_DIR from the command line winning. The assembly
// parses it once (src/service/assemble.ts); the QR pool reads its CERTBRIDGE_QR_* variables from it too.
import type { Env } from '../../config.ts'

export interface NodeConfigOptions {
  readonly env?: Env
  /** --data-dir: overrides DATA_DIR. */
  readonly dataDir?: string
}

export function nodeConfigSource(options: NodeConfigOptions = {}): Env {
  const env: Env = { ...(options.env ?? process.env) }
  return options.dataDir ? { ...env, DATA_DIR: options.dataDir } : env
}
