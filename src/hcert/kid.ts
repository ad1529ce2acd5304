// kid of a DSC: the first 8 bytes of SHA-256 over its DER (eu-dcc-hcert-spec §3.3.1).
export async function computeKid(der: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', der as Uint8Array<ArrayBuffer>)).slice(0, 8)
}
