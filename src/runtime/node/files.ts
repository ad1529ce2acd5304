// Node edge: local files for the layers below, which have no filesystem of their own. Trust lists,
// revocation lists and signer keys given as paths are read through `nodeFileReader`.
import { readFile, stat } from 'node:fs/promises'
import type { FileReader } from '../../trust/documents.ts'

export const nodeFileReader: FileReader = {
  size: async (path) => (await stat(path)).size,
  readText: (path) => readFile(path, 'utf8'),
}
