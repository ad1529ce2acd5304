// The request mix of `npm run load`: a national peak is mostly citizens converting a certificate
// for the first time, some asking again, and some whose request must fail. Out of every ten requests:
//   7  a new holder of the synthetic population (a first issuance),
//   1  a population holder seen a hundred requests earlier (a repeat: same UVCI, no new row),
//   1  a curated sandbox sample that issues (these repeat all run long),
//   1  a request that must fail: a curated failing sample (holder mismatch, unmapped product, unknown
//      or revoked record, ...) or a forged link, each with the status it must get.
// Without a population (or once it is used up), its share goes to repeats of what was issued before.

import type { SampleEntry } from '../../src/http/deps.ts'

/** A sample as GET /v1/sandbox/samples and /v1/sandbox/population give it. */
export type MixSample = SampleEntry

export interface LoadRequest {
  readonly label: string
  /** The JSON body of POST /v1/certificates. */
  readonly body: string
  readonly expectStatus: number
  /** 'new' when this holder has not been asked for before in this run. */
  readonly kind: 'new' | 'repeat' | 'curated' | 'failing'
}

/** Links that imitate a national host: the service refuses them (400) before any exchange. */
export const forgedLinks = [
  'https://www.gosuslugi.ru@evil.example/covid-cert/status/6f2a9e3c-2b7d-4e51-9a3f-8c1d2e4f5a6b',
  'http://www.gosuslugi.ru/covid-cert/status/6f2a9e3c-2b7d-4e51-9a3f-8c1d2e4f5a6b',
  'https://immune.mos.ru.evil.example/qr?id=123',
]

const REPEAT_DISTANCE = 100

function bodyOf(sample: Pick<MixSample, 'qr' | 'holder'>): string {
  return JSON.stringify({ qr: sample.qr, holder: sample.holder, consent: true })
}

export interface Mix {
  next(): LoadRequest
  /** How many population holders were handed out (at most the population's size). */
  readonly newHolders: number
}

export function createMix(curated: readonly MixSample[], population: readonly MixSample[]): Mix {
  const issuable = curated.filter((s) => s.expect.status === 201)
  if (issuable.length === 0) throw new Error('the sandbox has no issuable sample')
  const holder = issuable[0]!.holder
  const failing: LoadRequest[] = [
    ...curated
      .filter((s) => s.expect.status !== 201 && s.expect.status < 500)
      .map((s) => ({ label: `${s.adapter}: ${s.name}`, body: bodyOf(s), expectStatus: s.expect.status, kind: 'failing' as const })),
    ...forgedLinks.map((qr) => ({ label: 'forged link', body: bodyOf({ qr, holder }), expectStatus: 400, kind: 'failing' as const })),
  ]
  const fresh = (s: MixSample): LoadRequest => ({ label: `${s.adapter}: ${s.name}`, body: bodyOf(s), expectStatus: 201, kind: 'new' })
  const issued: LoadRequest[] = [] // population requests handed out, for repeats
  let step = 0
  let nextHolder = 0
  let nextCurated = 0
  let nextFailing = 0

  const repeat = (): LoadRequest => {
    if (issued.length === 0) return curatedRequest()
    const earlier = issued[Math.max(0, issued.length - REPEAT_DISTANCE)]!
    return { ...earlier, kind: 'repeat' }
  }
  const curatedRequest = (): LoadRequest => {
    const s = issuable[nextCurated++ % issuable.length]!
    return { label: `${s.adapter}: ${s.name}`, body: bodyOf(s), expectStatus: 201, kind: 'curated' }
  }
  const newHolder = (): LoadRequest => {
    if (nextHolder >= population.length) return repeat()
    const request = fresh(population[nextHolder++]!)
    issued.push(request)
    return request
  }

  return {
    next() {
      const slot = step++ % 10
      if (slot < 7) return newHolder()
      if (slot === 7) return repeat()
      if (slot === 8) return curatedRequest()
      return failing.length ? failing[nextFailing++ % failing.length]! : curatedRequest()
    },
    get newHolders() {
      return nextHolder
    },
  }
}
