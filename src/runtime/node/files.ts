// Node edge: local files for the layers below, which have no filesystem of their own. Trust lists,
// revocation lists and signer keys given as paths are read through `nodeFileReader`; a rules
// directory through rules-dir.ts. Workers supply neither, and their start refuses file locations.
import { readFile, stat } from 'node:fs/promises'
import type { FileReader } from '../../trust/documents.ts'
import type { EdgeFiles } from '../../service/edge.ts'
import { loadRuleSetFromDirectory } from './rules-dir.ts'

export const nodeFileReader: FileReader = {
  size: async (path) => (await stat(path)).size,
  readText: (path) => readFile(path, 'utf8'),
}

export const nodeFiles: EdgeFiles = { reader: nodeFileReader, loadRuleSet: loadRuleSetFromDirectory }
