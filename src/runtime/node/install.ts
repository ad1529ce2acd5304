// Node edge: the runtime parts code outside a started server needs too (the CLI's commands, the
// development tools through the same dispatch, the Node tests through vitest's setup file): the
// node:crypto and node:zlib primitives, and file reads for lists given as paths. A started server
// installs the same through the assembly (src/service/assemble.ts).
import { usePrimitives } from '../../platform/primitives.ts'
import { useFileReader } from '../../trust/documents.ts'
import { nodeFileReader } from './files.ts'
import { nodePrimitives } from './primitives.ts'

export function installNodeRuntime(): void {
  usePrimitives(nodePrimitives)
  useFileReader(nodeFileReader)
}
