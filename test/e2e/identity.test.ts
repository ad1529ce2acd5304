// Only the identity the national record holds is signed, and the bridge is no oracle over the record:
// end to end over real HTTP against the sandboxes, from several client addresses (127.0.0.x).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Agent, request } from 'undici'
import { startTestServer, type TestServer } from './server.ts'
import { decodeHc1 } from '../../src/hcert/index.ts'
import { isoDay } from '../../adapters/_sdk/dates.ts'
import type { HolderClaim } from '../../src/dcc/record.ts'
import { gosFixtures } from '../../adapters/ru-gosuslugi/records.ts'
import { fixtureNamed, linkV1, linkV1Unrz, linkV2, linkV3 } from '../../adapters/ru-gosuslugi/samples.ts'
import { people as mosPeople } from '../../adapters/ru-mos/records.ts'
import { qrLink } from '../../adapters/ru-mos/sandbox.ts'
import { claimOf, people as vnPeople, vnFixtures } from '../../adapters/vn-qr/records.ts'

interface Answer {
  readonly status: number
  readonly body: Record<string, unknown>
}

let server: TestServer
const agents = new Map<string, Agent>()
const today = isoDay(new Date())
const gos = gosFixtures(today)

/** One client: its requests leave from `address` (any of 127.0.0.0/8 reaches the server). */
function from(address: string) {
  let agent = agents.get(address)
  if (!agent) {
    agent = new Agent({ localAddress: address })
    agents.set(address, agent)
  }
  const dispatcher = agent
  return async (qr: string, holder: HolderClaim): Promise<Answer> => {
    const answer = await request(`${server.url}/v1/certificates?qr=none`, {
      method: 'POST',
      dispatcher,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ qr, holder, consent: true }),
    })
    return { status: answer.statusCode, body: (await answer.body.json()) as Record<string, unknown> }
  }
}

beforeAll(async () => {
  server = await startTestServer({ CERTBRIDGE_HOLDER_MAX_MISMATCHES: '5', CERTBRIDGE_HOLDER_MAX_MISMATCHES_PER_RECORD: '20' })
})
afterAll(async () => {
  await Promise.all([...agents.values()].map((agent) => agent.close()))
  await server?.close()
})

const mosFedorov = qrLink('4501230000000041')
const fedorov: HolderClaim = { ...mosPeople.fedorov }

describe('the DCC states the register identity', () => {
  it('refuses a given name that only fits the masks (Михаил for Максим)', async () => {
    const answer = await from('127.0.0.2')(mosFedorov, { ...fedorov, givenName: 'Михаил' })
    expect(answer).toMatchObject({ status: 404, body: { code: 'NO_MATCHING_CERTIFICATE' } })
  })

  it('signs the register spelling when the claim differs only in case and ё/е', async () => {
    const answer = await from('127.0.0.3')(mosFedorov, { ...fedorov, familyName: 'ФЕДОРОВ', givenName: 'максим', patronymic: undefined })
    expect(answer.status).toBe(201)
    const payload = decodeHc1(String(answer.body.hc1)).payload as { nam: Record<string, string>; dob: string }
    // The register's spelling and its passport's Latin form, never the claim's.
    expect(payload.nam).toEqual({ fn: 'Фёдоров', fnt: 'FEDOROV', gn: 'Максим', gnt: 'MAKSIM' })
    expect(payload.dob).toBe(fedorov.dateOfBirth)
  })

  it('refuses a Gosuslugi claim that only fits the masks and the birth date shown on the check page', async () => {
    const sputnik = fixtureNamed(gos, 'vaccination, Sputnik V 2/2')
    const claim = {
      familyName: 'Zzzzzz',
      givenName: 'Aaaaa',
      patronymic: 'Iiiiiiii',
      dateOfBirth: sputnik.person.claim.dateOfBirth,
      documentNumber: sputnik.person.claim.documentNumber,
    }
    const answer = await from('127.0.0.4')(linkV2(sputnik), claim)
    expect(answer).toMatchObject({ status: 404, body: { code: 'NO_MATCHING_CERTIFICATE' } })
  })

  it.each([
    ['a right-to-left override', 'О\u202eабв'],
    ['a zero-width space', 'Мак\u200bсим'],
    ['markup', 'О<i>x'],
    ['stacked combining accents', 'Ма\u0301\u0301\u0301ксим'],
  ])('refuses names with %s (400, before any look-up)', async (_what, givenName) => {
    const answer = await from('127.0.0.5')(mosFedorov, { ...fedorov, givenName })
    expect(answer).toMatchObject({ status: 400, body: { code: 'HOLDER_NAME_INVALID' } })
    expect(JSON.stringify(answer.body)).not.toContain(givenName)
  })
})

describe('one record, one lock, one answer', () => {
  it('shares one budget across every link form of a Gosuslugi certificate; the holder is served from another address', async () => {
    const f = fixtureNamed(gos, 'vaccination, CoviVac 2/2')
    const stranger = from('127.0.1.1')
    const wrong = { ...f.person.claim, givenName: 'Ярослава' }
    const forms = [linkV1(f), linkV1Unrz(f), linkV2(f), linkV3(f), linkV2(f, 'en')]
    for (const link of forms) expect((await stranger(link, wrong)).body.code).toBe('NO_MATCHING_CERTIFICATE')
    // The sixth guess, by any link form, finds the record locked for this client.
    for (const link of [linkV3(f), linkV1Unrz(f)]) {
      const locked = await stranger(link, f.person.claim)
      expect(locked).toMatchObject({ status: 429, body: { code: 'HOLDER_LOCKED' } })
    }
    // The lock is on record, as a code without who.
    const audits = server.logs.filter((line) => line.includes('"action":"holder.lock"'))
    expect(audits.length).toBeGreaterThan(0)
    expect(audits.every((line) => !line.includes(f.unrz) && !line.includes('127.0.1.1'))).toBe(true)
    // The real holder, from their own address, is not locked out.
    const holder = await from('127.0.1.2')(linkV1(f), f.person.claim)
    expect(holder.body).toMatchObject({ type: 'vaccination' })
    expect(holder.status).toBe(201)
  })

  it('bounds concurrent guesses: 28 at once get at most the configured number of evaluations', async () => {
    const guess = from('127.0.2.1')
    const sokolova = qrLink('4501230000000017')
    const answers = await Promise.all(
      Array.from({ length: 28 }, (_, i) => guess(sokolova, { ...mosPeople.sokolova, givenName: `Анна${'а'.repeat(1 + (i % 5))}` })),
    )
    const evaluated = answers.filter((a) => a.body.code === 'NO_MATCHING_CERTIFICATE').length
    const locked = answers.filter((a) => a.body.code === 'HOLDER_LOCKED').length
    expect(answers.map((a) => a.body.code).filter((c) => c !== 'NO_MATCHING_CERTIFICATE' && c !== 'HOLDER_LOCKED')).toEqual([])
    expect(evaluated + locked).toBe(28)
    expect(evaluated).toBeGreaterThan(0)
    expect(evaluated).toBeLessThanOrEqual(5)
  })

  it('answers every refusal about a record alike until the holder is bound', async () => {
    const stranger = from('127.0.3.1')
    const vn = vnFixtures(today)
    const vnNamed = (name: string) => vn.find((f) => f.name === name)!
    const someone: HolderClaim = { familyName: 'Иванова', givenName: 'Мария', dateOfBirth: '1990-01-01', documentNumber: '4500 000000' }
    const cases: [string, string, HolderClaim][] = [
      ['not found', 'https://immune.mos.ru/qr?id=4501239999999999', someone],
      ['not yours', linkV2(fixtureNamed(gos, 'recovery')), someone],
      ['expired', linkV2(fixtureNamed(gos, 'expired vaccination')), fixtureNamed(gos, 'expired vaccination').person.claim],
      ['revoked', vnNamed('revoked record').qr, someone],
      ['product not convertible', qrLink('4501230000000090'), someone],
      ['type not convertible', linkV2(fixtureNamed(gos, 'temporary certificate')), someone],
      ['status not valid', linkV2(fixtureNamed(gos, 'not valid (status 0)')), someone],
      ['QR made for someone else', vnNamed('on behalf of a child, Pfizer-BioNTech 1/2').qr, claimOf(vnPeople.nguyenVanA)],
      ['not found in the Vietnamese register', vnNamed('not found').qr, claimOf(vnPeople.nguyenVanA)],
    ]
    const shapes = new Set<string>()
    for (const [what, qr, holder] of cases) {
      const answer = await stranger(qr, holder)
      expect(answer.status, what).toBe(404)
      shapes.add(
        JSON.stringify({
          status: answer.status,
          code: answer.body.code,
          title: answer.body.title,
          detail: answer.body.detail,
          type: answer.body.type,
        }),
      )
    }
    expect(shapes.size).toBe(1)
    // Nor does /metrics (open by default) tell what the look-ups found.
    const metrics = await (await fetch(`${server.url}/metrics`)).text()
    expect(metrics).toContain('outcome="RECORD_ANSWER"')
    expect(metrics).not.toMatch(
      /outcome="(RECORD_NOT_FOUND|RECORD_EXPIRED|RECORD_REVOKED|RECORD_INVALID|HOLDER_MISMATCH|PRODUCT_UNMAPPED|TYPE_NOT_CONVERTIBLE)"/,
    )
  })

  it('tells the record state and product to the bound holder only', async () => {
    const mos = (number: string) => qrLink(number)
    const holder = from('127.0.3.2')
    expect((await holder(mos('4501230000000090'), { ...mosPeople.belova })).body.code).toBe('PRODUCT_UNMAPPED')
    expect((await holder(mos('4501230000000082'), { ...mosPeople.orlov })).body.code).toBe('RECORD_EXPIRED')
  })

  it('does not let a masked Vietnamese birth date be recovered by probing QR variants', async () => {
    const covishield = vnFixtures(today).find((f) => f.name === 'vaccination, Covishield 2/2, date of birth masked')!
    const [document, name, , kind, qid, ext] = covishield.qr.split('|')
    const prober = from('127.0.4.1')
    const answers: Answer[] = []
    for (const month of ['01', '02', '03', '04', '05']) {
      const variant = [document, name, `1965-${month}-**`, kind, qid, ext].join('|')
      const claim = { ...covishield.person, documentNumber: document!.replace(/\*/g, '0'), dateOfBirth: `1965-${month}-01` }
      answers.push(await prober(variant, claim))
    }
    // Every probe answers alike, whether or not the month is the register's...
    expect(new Set(answers.map((a) => `${a.status} ${a.body.code} ${a.body.detail}`)).size).toBe(1)
    // ...and every variant of the QR counts against the one record: the next is locked.
    const next = await prober([document, name, '1965-06-**', kind, qid, ext].join('|'), { ...covishield.person, dateOfBirth: '1965-06-01' })
    expect(next).toMatchObject({ status: 429, body: { code: 'HOLDER_LOCKED' } })
  })
})
