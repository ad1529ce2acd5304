// Workers edge: national requests and list downloads go through the platform's fetch (a subrequest per
// call; deadlines and the host allow-list are the adapter client's). Wrapped so that it is never
// called with another `this` than the global one, which workerd refuses.
export const workerFetch: typeof fetch = (input, init) => fetch(input, init)
