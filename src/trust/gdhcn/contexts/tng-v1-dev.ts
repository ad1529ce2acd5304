// JSON-LD context https://smart.who.int/trust/tng-context/v1-DEV.jsonld, kept as data (WorldHealthOrganization/smart-trust @ 975fcaef, input/images/tng-context/v1-DEV.jsonld; the DEV lists' context).
// Canonicalizing trust lists loads it from here; nothing is fetched at run time.
export const url = 'https://smart.who.int/trust/tng-context/v1-DEV.jsonld'

export const document = {
  '@context': {
    '@version': 1.1,
    id: '@id',
    type: '@type',
    proof: 'https://w3id.org/security#proof',
    domain: {
      '@id': 'https://smart.who.int/trust/ValueSet-Domains-DEV.jsonld',
      '@type': '@id',
      '@context': {
        '@base': 'https://smart.who.int/trust/ValueSet-Domains-DEV.jsonld#',
        code: {
          '@id': '@id',
          '@type': '@id',
        },
      },
    },
    participant: {
      '@id': 'https://smart.who.int/trust/ValueSet-Participants-DEV.jsonld',
      '@type': '@id',
      '@context': {
        '@base': 'https://smart.who.int/trust/ValueSet-Participants-DEV.jsonld#',
        code: {
          '@id': '@id',
          '@type': '@id',
        },
      },
    },
    keyusage: {
      '@id': 'https://smart.who.int/trust/ValueSet-KeyUsage-DEV.jsonld',
      '@type': '@id',
      '@context': {
        '@base': 'https://smart.who.int/trust/ValueSet-KeyUsage-DEV.jsonld#',
        code: {
          '@id': '@id',
          '@type': '@id',
        },
      },
    },
  },
}
