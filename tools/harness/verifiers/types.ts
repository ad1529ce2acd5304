// One verifier column of the matrix: a name and a function from an HC1 text and a validation clock to
// 'VALID' or the verifier's own failure code.
export interface HarnessVerifier {
  readonly name: string
  verify(hc1: string, at: Date): Promise<string>
}
