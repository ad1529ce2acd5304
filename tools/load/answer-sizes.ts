// The sizes the floor copies from the service's run: of its 201 bodies, of its refusals, of the
// COSE payload it signed (read from the answer's HC1: base45, zlib, COSE_Sign1) and of the HC1 text
// (what the floor draws as a QR with --floor-qr). Averages over the first answers of each kind.
import { decodeHc1 } from '../../src/hcert/index.ts'

const KEPT = 200

export interface AnswerSizes {
  readonly answerBytes: number
  readonly refusalBytes: number
  readonly payloadBytes: number
  /** Characters of the HC1 text, prefix included. */
  readonly hc1Chars: number
}

/** Before the service has answered: about what it answers with the SVG. */
export const FALLBACK_SIZES: AnswerSizes = { answerBytes: 17_000, refusalBytes: 300, payloadBytes: 330, hc1Chars: 590 }

export interface SizeMeter {
  /** Notes one answer of the service. */
  add(status: number, body: string): void
  /** The averages, each falling back to FALLBACK_SIZES while no answer of its kind was seen. */
  sizes(): AnswerSizes & { readonly measured: boolean }
}

export function sizeMeter(): SizeMeter {
  const issued: number[] = []
  const refused: number[] = []
  const payloads: number[] = []
  const hc1s: number[] = []
  const mean = (list: number[], fallback: number) => (list.length ? Math.round(list.reduce((a, b) => a + b, 0) / list.length) : fallback)
  return {
    add(status, body) {
      if (status === 201 && issued.length < KEPT) {
        issued.push(Buffer.byteLength(body))
        const hc1 = /"hc1":"([^"]+)"/.exec(body)?.[1]
        if (hc1) {
          payloads.push(decodeHc1(hc1).cose.payload.byteLength)
          hc1s.push(hc1.length)
        }
      } else if (status !== 201 && refused.length < KEPT) refused.push(Buffer.byteLength(body))
    },
    sizes() {
      return {
        answerBytes: mean(issued, FALLBACK_SIZES.answerBytes),
        refusalBytes: mean(refused, FALLBACK_SIZES.refusalBytes),
        payloadBytes: mean(payloads, FALLBACK_SIZES.payloadBytes),
        hc1Chars: mean(hc1s, FALLBACK_SIZES.hc1Chars),
        measured: issued.length > 0 && payloads.length > 0,
      }
    },
  }
}
