// Base45 decoding (RFC 9285) written here for the harness's independent verifier, so that it shares
// no code with the project's codec.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:'

export function base45Decode(text: string): Uint8Array {
  const values = [...text].map((char) => {
    const value = ALPHABET.indexOf(char)
    if (value < 0) throw new RangeError('not base45')
    return value
  })
  if (values.length % 3 === 1) throw new RangeError('not base45: bad length')
  const out: number[] = []
  for (let i = 0; i < values.length; i += 3) {
    const [c, d, e] = [values[i]!, values[i + 1]!, values[i + 2]]
    const n = c + d * 45 + (e === undefined ? 0 : e * 45 * 45)
    if (e === undefined) {
      if (n > 0xff) throw new RangeError('not base45: overflow')
      out.push(n)
    } else {
      if (n > 0xffff) throw new RangeError('not base45: overflow')
      out.push(n >> 8, n & 0xff)
    }
  }
  return Uint8Array.from(out)
}
