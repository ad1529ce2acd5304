// The one place that loads @peculiar/x509. Its 2.x releases resolve algorithms through tsyringe, which
// refuses to load without a reflect-metadata polyfill; nothing here relies on decorator metadata (all
// registrations are explicit), so a no-op stand-in is installed first when none exists, then the
// library is imported and pointed at the platform's WebCrypto (Node 20 and Workers alike).
export type X509Module = typeof import('@peculiar/x509')

let loading: Promise<X509Module> | undefined

export function loadX509(): Promise<X509Module> {
  if (!loading) {
    const reflect = Reflect as unknown as Record<string, unknown>
    if (typeof reflect.getMetadata !== 'function') {
      reflect.getMetadata = () => undefined
      reflect.getOwnMetadata = () => undefined
      reflect.defineMetadata = () => undefined
      reflect.hasMetadata = () => false
    }
    loading = import('@peculiar/x509').then((x509) => {
      x509.cryptoProvider.set(globalThis.crypto)
      return x509
    })
  }
  return loading
}
