// Certificate chains of a GDHCN trust list: a DSC (x5c[0]) is trusted only when x5c[1] or one of its
// participant's SCA entries signs it and the DSC's validity lies within that SCA's. Parsed SCAs are
// kept by their base64, so a list of many DSCs under few SCAs parses each SCA once.
import { fromBase64 } from '../../platform/bytes.ts'
import { loadX509, type X509Module } from '../x509.ts'

type Certificate = InstanceType<X509Module['X509Certificate']>

export type ChainOutcome =
  | { readonly ok: true; readonly country?: string }
  | { readonly ok: false; readonly reason: 'bad-certificate' | 'chain-no-issuer' | 'chain-outside-sca-validity' }

export interface ChainChecker {
  /** Checks `dsc` (base64 DER) against x5c[1] (`issuer`) and the participant's SCAs (base64 DER). */
  check(dsc: string, issuer: string | undefined, scas: readonly string[]): Promise<ChainOutcome>
}

export async function createChainChecker(): Promise<ChainChecker> {
  const x509 = await loadX509()
  const parsed = new Map<string, Certificate | null>()
  const parse = (b64: string): Certificate | null => {
    if (!parsed.has(b64)) {
      let certificate: Certificate | null
      try {
        certificate = new x509.X509Certificate(fromBase64(b64) as Uint8Array<ArrayBuffer>)
      } catch {
        certificate = null
      }
      parsed.set(b64, certificate)
    }
    return parsed.get(b64)!
  }
  return {
    async check(dscText, issuerText, scaTexts) {
      const dsc = parse(dscText)
      if (!dsc) return { ok: false, reason: 'bad-certificate' }
      const candidates = [...new Set([...(issuerText ? [issuerText] : []), ...scaTexts])]
        .map(parse)
        .filter((ca): ca is Certificate => ca !== null && ca.subject === dsc.issuer)
      let signedBy: Certificate[] = []
      for (const ca of candidates) {
        try {
          if (await dsc.verify({ publicKey: ca, signatureOnly: true })) signedBy.push(ca)
        } catch {
          // a key the platform cannot use signs nothing here
        }
      }
      if (signedBy.length === 0) return { ok: false, reason: 'chain-no-issuer' }
      signedBy = signedBy.filter((ca) => dsc.notBefore >= ca.notBefore && dsc.notAfter <= ca.notAfter)
      if (signedBy.length === 0) return { ok: false, reason: 'chain-outside-sca-validity' }
      const country = dsc.subjectName.getField('C')[0]
      return { ok: true, ...(country ? { country } : {}) }
    },
  }
}
