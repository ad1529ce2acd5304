// What `certbridge keys` prints: every DSC of a key store (kid, state, validity, usage period,
// usage, published), as a table or JSON, with the signing DSC settled at the given time. Never a
// private key.
import { importDsc } from '../trust/dsc.ts'
import { activeDsc, publishedDscs, settleKeyStore, usageOverdue, type KeyStore } from '../trust/keystore.ts'

export interface ReportIo {
  readonly out: (line: string) => void
}

interface Row {
  readonly kid: string
  readonly state: string
  readonly notBefore: string
  readonly notAfter: string
  readonly usageStart: string | null
  readonly usageEnd: string | null
  readonly usage: string[]
  readonly published: boolean
}

async function rows(store: KeyStore, now: Date): Promise<Row[]> {
  const published = new Set(publishedDscs(store, now).map((d) => d.kid))
  return Promise.all(
    store.dscs.map(async (dsc) => {
      const key = await importDsc(dsc.certificate, { source: 'certbridge' })
      return {
        kid: dsc.kid,
        state: dsc.state,
        notBefore: dsc.notBefore,
        notAfter: dsc.notAfter,
        usageStart: dsc.usageStart ?? null,
        usageEnd: dsc.usageEnd ?? null,
        usage: key.allowedTypes ? [...key.allowedTypes] : ['any'],
        published: published.has(dsc.kid),
      }
    }),
  )
}

function table(store: KeyStore, list: readonly Row[]): string[] {
  const header = ['KID', 'STATE', 'NOT BEFORE', 'NOT AFTER', 'SIGNS UNTIL', 'USAGE', 'PUBLISHED']
  const body = list.map((r) => [
    r.kid,
    r.state,
    r.notBefore.slice(0, 10),
    r.notAfter.slice(0, 10),
    (r.usageEnd ?? r.notAfter).slice(0, 10),
    r.usage.join(','),
    r.published ? 'yes' : 'no',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()
  return [
    `Key store: country ${store.country}, organisation ${store.organisation}${store.test ? ', TEST KEYS (sandbox only)' : ''}`,
    `SCA valid ${store.csca.notBefore.slice(0, 10)} to ${store.csca.notAfter.slice(0, 10)} (its private key is not here)`,
    '',
    line(header),
    ...body.map(line),
  ]
}

export async function report(store: KeyStore, now: Date, json: boolean, io: ReportIo, message: string): Promise<void> {
  const settled = settleKeyStore(store, now)
  const list = await rows(settled, now)
  const overdue = usageOverdue(settled, now)
  if (json) {
    io.out(
      JSON.stringify(
        {
          country: store.country,
          organisation: store.organisation,
          test: store.test,
          csca: { notBefore: store.csca.notBefore, notAfter: store.csca.notAfter },
          signing: activeDsc(settled, now).kidBase64,
          usageOverdue: overdue,
          dscs: list,
        },
        null,
        2,
      ),
    )
    return
  }
  io.out(message)
  for (const line of table(settled, list)) io.out(line)
  if (overdue)
    io.out(`\nThe signing DSC is past its usage period and no DSC is prepared: run 'certbridge keys dsc --ca <participant folder>'.`)
}
