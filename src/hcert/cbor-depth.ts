// A linear pre-scan of CBOR bytes that bounds nesting depth before the recursive decoder runs, so a
// hostile input of thousands of nested arrays fails fast with HCERT_TOO_LARGE instead of exhausting
// the stack. It also rejects malformed headers (reserved additional-information values, truncation).
import { HcertError } from './errors.ts'

const INDEFINITE = -1

export function checkCborDepth(bytes: Uint8Array, maxDepth: number): void {
  const open: number[] = [] // items still expected by each open container (INDEFINITE until break)
  let pos = 0
  let done = false
  while (!done) {
    if (pos >= bytes.length) throw new HcertError('HCERT_CBOR', 'truncated CBOR')
    const initial = bytes[pos++]!
    const major = initial >> 5
    const info = initial & 31
    if (initial === 0xff) {
      if (open.length === 0 || open[open.length - 1] !== INDEFINITE) throw new HcertError('HCERT_CBOR', 'unexpected CBOR break')
      open.pop()
    } else {
      let argument = info
      if (info >= 24 && info <= 27) {
        const size = 1 << (info - 24)
        if (pos + size > bytes.length) throw new HcertError('HCERT_CBOR', 'truncated CBOR')
        argument = 0
        for (let i = 0; i < size; i++) argument = argument * 256 + bytes[pos++]!
      } else if (info >= 28 && (info !== 31 || major === 0 || major === 1 || major === 6)) {
        throw new HcertError('HCERT_CBOR', 'malformed CBOR header')
      }
      const indefinite = info === 31
      let children = 0
      if (major === 2 || major === 3) {
        if (indefinite) children = INDEFINITE
        else if (argument > bytes.length - pos) throw new HcertError('HCERT_CBOR', 'truncated CBOR')
        else pos += argument
      } else if (major === 4) children = indefinite ? INDEFINITE : argument
      else if (major === 5) children = indefinite ? INDEFINITE : argument * 2
      else if (major === 6) children = 1
      if (children !== 0) {
        if (open.length >= maxDepth) throw new HcertError('HCERT_TOO_LARGE', `CBOR nested deeper than ${maxDepth}`)
        if (children !== INDEFINITE && children > bytes.length - pos) throw new HcertError('HCERT_CBOR', 'truncated CBOR')
        open.push(children)
        continue
      }
    }
    // one item completed: count it against its container, closing every container it completes
    while (true) {
      if (open.length === 0) {
        done = true
        break
      }
      const top = open.length - 1
      if (open[top] === INDEFINITE) break
      open[top]!--
      if (open[top]! > 0) break
      open.pop()
    }
  }
}
