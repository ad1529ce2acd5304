// Stand-in for @digitalbazaar/http-client in the workerd test runner (vitest.workers.config.ts),
// which resolves jsonld's Node platform file: its document loader requires this client, which
// imports undici. Canonicalization passes its own document loader (canonize.ts), so jsonld's HTTP
// client is never called; the deployed Worker bundle takes jsonld's browser platform and never
// includes either. CommonJS, because jsonld requires it.
'use strict'
exports.httpClient = {
  get() {
    throw new Error('JSON-LD documents are never fetched here')
  },
}
exports.DEFAULT_HEADERS = {}
