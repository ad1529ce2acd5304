// Stands in for node:fs/promises in the Worker bundle (wrangler.toml [alias]): Workers have no
// filesystem. The only importer is the trust-list loader's file branch (src/trust/load.ts), which
// src/runtime/workerd/build.ts never reaches because it refuses list locations that are not URLs.
import { ConfigError } from '../../config.ts'

function noFilesystem(): never {
  throw new ConfigError('CONFIG_INVALID', 'Workers have no filesystem: configure lists as https URLs.')
}

export const stat = noFilesystem
export const readFile = noFilesystem
export default { stat, readFile }
