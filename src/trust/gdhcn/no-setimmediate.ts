// Stand-in for the `setimmediate` polyfill that rdf-canonize's browser platform requires: workerd
// (nodejs_compat) has a global setImmediate, so the polyfill would do nothing but carry a
// `new Function` branch into the Worker bundle. Aliased in wrangler.toml.
export {}
