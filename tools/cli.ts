// The development tools behind `certbridge <tool>` (bin/certbridge.mjs sends these names here, run
// from the sources through tsx, a dev dependency). They measure and test the product and may use dev
// dependencies and the public test data; the product never imports them.
import { type Command, dispatch } from '../src/cli.ts'

const tools: Record<string, Command> = {
  bench: { summary: 'measure issue and verify throughput against native crypto and peers', load: () => import('./bench/cli.ts') },
  conformance: { summary: 'run the EU DCC conformance vectors in <dir> through the codec', load: () => import('./conformance/cli.ts') },
  harness: { summary: 'the mutual-recognition harness: issue, verify and evaluate every sample', load: () => import('./harness/cli.ts') },
}

export function main(argv: string[]): Promise<number> {
  return dispatch(tools, argv)
}
