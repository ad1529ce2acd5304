// The samples the mix draws from, built by the sandboxes' own code with the options the sandbox
// process was given (same population and day → byte-identical records): every sandbox's curated
// samples, and its synthetic holders, the adapters taking turns as the service's
// GET /v1/sandbox/population lists them.
import { adapters, sandboxes } from '../../adapters/registry.ts'
import type { MixSample } from './mix.ts'

export function loadSamples(options: { readonly perSandbox: number; readonly total: number; readonly today: string }): {
  curated: MixSample[]
  population: MixSample[]
} {
  const curated: MixSample[] = []
  const lists: MixSample[][] = []
  for (const adapter of adapters) {
    const sandbox = sandboxes[adapter.id]?.({ population: options.perSandbox, today: options.today })
    if (!sandbox) continue
    for (const sample of sandbox.samples()) curated.push({ adapter: adapter.id, ...sample })
    if (options.perSandbox > 0 && sandbox.populationSamples)
      lists.push(sandbox.populationSamples().map((sample) => ({ adapter: adapter.id, ...sample })))
  }
  const population: MixSample[] = []
  const longest = Math.max(0, ...lists.map((list) => list.length))
  for (let i = 0; i < longest && population.length < options.total; i++) {
    for (const list of lists) if (i < list.length && population.length < options.total) population.push(list[i]!)
  }
  return { curated, population }
}
