// adapters/_sdk/ (floor: adapter SDK): the one public surface adapters import. It imports the
// platform and the payload (the record types it re-exports) only; issuance imports it, never the
// reverse.
// The adapter SDK: the contract every adapter implements and the helpers they share. Web APIs only.
export * from './adapter.ts'
export * from '../../src/dcc/record.ts'
export * from './identity.ts'
export * from './doses.ts'
export * from './recovery.ts'
export * from './products.ts'
export * from './errors.ts'
export * from './sandbox.ts'
export * from './http.ts'
export * from './shape.ts'
export * from './dates.ts'
export * from './breaker.ts'
export * from './client.ts'
export type * from './fixtures.ts'
