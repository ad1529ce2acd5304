// The part of jsonld@9's API used here (the package ships no types).
declare module 'jsonld' {
  interface RemoteDocument {
    contextUrl: string | null
    documentUrl: string
    document: unknown
  }
  interface CanonizeOptions {
    algorithm: 'URDNA2015' | 'RDFC-1.0'
    format: 'application/n-quads'
    documentLoader: (url: string) => Promise<RemoteDocument>
    safe?: boolean
  }
  const jsonld: { canonize(input: unknown, options: CanonizeOptions): Promise<string> }
  export default jsonld
}
