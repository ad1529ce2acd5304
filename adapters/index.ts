// The adapters module boundary: the registry and the SDK an adapter (or the service) builds on.
export { adapters, findAdapter, matchLink, sandboxes } from './registry.ts'
export * from './_sdk/index.ts'
