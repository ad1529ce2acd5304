// `certbridge keys init | rotate | list`: the bridge's CSCA and DSCs in DATA_DIR/keystore.json.
//   init    creates a CSCA and a first DSC; refuses when a key store exists
//   rotate  makes a new active DSC; the previous stays published until its notAfter
//   list    shows kid, state, validity and usage of every DSC (never a private key)
import { parseArgs } from 'node:util'
import { CertbridgeError } from '../errors.ts'
import { activeDsc, createKeyStore, publishedDscs, rotateKeyStore, type KeyStore } from '../trust/keystore.ts'
import { keyStoreExists, keyStorePath, loadKeyStore, saveKeyStore } from '../trust/keystore-file.ts'
import { importDsc } from '../trust/dsc.ts'

export interface KeysIo {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
  readonly now: () => Date
}

const defaultIo: KeysIo = { out: (l) => console.log(l), err: (l) => console.error(l), env: process.env, now: () => new Date() }

const help = `Usage: certbridge keys <init|rotate|list> [options]

  init      create the CSCA and a first DSC (refuses to replace an existing key store)
  rotate    create a new active DSC; the previous one stays published until its notAfter
  list      show every DSC: kid, state, validity, usage

Options:
  --data-dir DIR        where keystore.json lives (default: $DATA_DIR or ./.certbridge)
  --country CC          ISO 3166-1 alpha-2 country of the certificates (init; default: $CERTBRIDGE_COUNTRY)
  --organisation NAME   subject O of the certificates (init; default: certbridge)
  --test                mark the keys as test keys (init; default when the country is XX)
  --json                machine-readable output`

interface Row {
  readonly kid: string
  readonly state: string
  readonly notBefore: string
  readonly notAfter: string
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
        usage: key.allowedTypes ? [...key.allowedTypes] : ['any'],
        published: published.has(dsc.kid),
      }
    }),
  )
}

function table(store: KeyStore, list: readonly Row[]): string[] {
  const header = ['KID', 'STATE', 'NOT BEFORE', 'NOT AFTER', 'USAGE', 'PUBLISHED']
  const body = list.map((r) => [r.kid, r.state, r.notBefore.slice(0, 10), r.notAfter.slice(0, 10), r.usage.join(','), r.published ? 'yes' : 'no'])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()
  return [
    `Key store: country ${store.country}, organisation ${store.organisation}${store.test ? ', TEST KEYS (sandbox only)' : ''}`,
    `CSCA valid ${store.csca.notBefore.slice(0, 10)} to ${store.csca.notAfter.slice(0, 10)}`,
    '',
    line(header),
    ...body.map(line),
  ]
}

async function report(store: KeyStore, now: Date, json: boolean, io: KeysIo, message: string): Promise<void> {
  const list = await rows(store, now)
  if (json) {
    io.out(JSON.stringify({ country: store.country, organisation: store.organisation, test: store.test, csca: { notBefore: store.csca.notBefore, notAfter: store.csca.notAfter }, dscs: list }, null, 2))
  } else {
    io.out(message)
    for (const line of table(store, list)) io.out(line)
  }
}

export async function run(argv: string[], io: KeysIo = defaultIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        country: { type: 'string' },
        organisation: { type: 'string' },
        test: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    io.err(`certbridge keys: ${error instanceof Error ? error.message : String(error)}\n\n${help}`)
    return 2
  }
  const { values, positionals } = parsed
  const [action, ...extra] = positionals
  if (values.help || action === undefined) {
    ;(values.help ? io.out : io.err)(help)
    return values.help ? 0 : 2
  }
  if (!['init', 'rotate', 'list'].includes(action) || extra.length > 0) {
    io.err(`certbridge keys: unknown action '${[action, ...extra].join(' ')}'\n\n${help}`)
    return 2
  }
  const dataDir = values['data-dir'] ?? (io.env.DATA_DIR || './.certbridge')
  const now = io.now()
  const json = values.json ?? false

  try {
    if (action === 'init') {
      const country = (values.country ?? io.env.CERTBRIDGE_COUNTRY ?? '').toUpperCase()
      if (!country) {
        io.err('certbridge keys init: --country is required (or set CERTBRIDGE_COUNTRY); use XX with --test for a sandbox.')
        return 2
      }
      // Checked before generating keys, so the common mistake costs nothing; saveKeyStore re-checks atomically.
      if (await keyStoreExists(dataDir)) {
        io.err(`certbridge keys init: a key store exists already at ${keyStorePath(dataDir)}; it is never overwritten (use 'keys rotate').`)
        return 1
      }
      const store = await createKeyStore({ country, organisation: values.organisation ?? 'certbridge', now, test: values.test ?? country === 'XX' })
      const path = await saveKeyStore(dataDir, store)
      await report(store, now, json, io, `Created ${path} (mode 0600) with a CSCA and the active DSC ${activeDsc(store).kidBase64}.`)
      return 0
    }
    const store = await loadKeyStore(dataDir)
    if (action === 'rotate') {
      const rotated = await rotateKeyStore(store, now)
      await saveKeyStore(dataDir, rotated, { overwrite: true })
      await report(rotated, now, json, io, `Rotated: ${activeDsc(rotated).kidBase64} is now active; ${activeDsc(store).kidBase64} is retired and stays published until its notAfter.`)
      return 0
    }
    await report(store, now, json, io, `Key store ${keyStorePath(dataDir)}`)
    return 0
  } catch (error) {
    if (error instanceof CertbridgeError) {
      io.err(`certbridge keys ${action}: ${error.message} [${error.code}]`)
      return 1
    }
    throw error
  }
}
