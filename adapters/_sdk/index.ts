// The adapter SDK: the contract every adapter implements and the helpers they share. Web APIs only.
export * from './adapter.ts'
export * from './record.ts'
export * from './errors.ts'
export * from './sandbox.ts'
export * from './http.ts'
export * from './shape.ts'
export * from './binding.ts'
export * from './dates.ts'
