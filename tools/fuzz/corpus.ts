// Real inputs the fuzz targets mutate, read from ../shared/testdata (Node only): HC1 texts of the EU
// conformance vectors with their compressed and COSE bytes, trust lists, business rules and value
// sets, QR pictures; and the national links of every adapter's sandbox samples.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sandboxes } from '../../adapters/registry.ts'
import { testdataPath } from '../../test/shared.ts'

export interface Vector {
  readonly prefix: string
  readonly compressed?: Uint8Array
  readonly cose?: Uint8Array
  readonly cbor?: Uint8Array
}

function hex(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || !/^([0-9a-fA-F]{2})+$/.test(text)) return undefined
  return Uint8Array.from(text.match(/../g)!.map((h) => parseInt(h, 16)))
}

function jsonFiles(dir: string, out: string[] = [], limit = Infinity): string[] {
  for (const name of readdirSync(dir).sort()) {
    if (out.length >= limit) break
    const path = join(dir, name)
    if (statSync(path).isDirectory()) jsonFiles(path, out, limit)
    else if (name.endsWith('.json')) out.push(path)
  }
  return out
}

let vectors: Vector[] | undefined
/** Every conformance vector with a PREFIX, and its COMPRESSED, COSE and CBOR stages when given. */
export function hc1Vectors(): readonly Vector[] {
  if (vectors) return vectors
  vectors = []
  for (const file of jsonFiles(testdataPath('dgc-testdata'))) {
    let json: Record<string, unknown>
    try {
      json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    } catch {
      continue
    }
    if (typeof json.PREFIX !== 'string' || !json.PREFIX.startsWith('HC1')) continue
    const v: { prefix: string; compressed?: Uint8Array; cose?: Uint8Array; cbor?: Uint8Array } = { prefix: json.PREFIX }
    const compressed = hex(json.COMPRESSED)
    const cose = hex(json.COSE)
    const cbor = hex(json.CBOR)
    if (compressed) v.compressed = compressed
    if (cose) v.cose = cose
    if (cbor) v.cbor = cbor
    vectors.push(v)
  }
  return vectors
}

/** The trust lists as parsed JSON; the gateway lists cut to `entries` certificates to keep cases small. */
export function trustLists(entries = 12): unknown[] {
  const dir = testdataPath('trustlists')
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const json = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>
      for (const key of ['certificates', 'keys', 'certs']) {
        const list = json[key]
        if (Array.isArray(list)) json[key] = list.slice(0, entries)
      }
      return json
    })
}

/** Business rules (rule.json files) and the compressed value sets. */
export function businessRules(limit = 60): { rules: { path: string; json: unknown }[]; valueSets: unknown } {
  const root = testdataPath('business-rules')
  const rules = jsonFiles(root)
    .filter((p) => p.endsWith('/rule.json'))
    .slice(0, limit)
    .map((path) => ({ path, json: JSON.parse(readFileSync(path, 'utf8')) as unknown }))
  return { rules, valueSets: JSON.parse(readFileSync(join(root, 'valuesets', 'valueSets.json'), 'utf8')) as unknown }
}

/** Small PNG and JPEG pictures of QR codes from test/fixtures/qr (the large photos decode slowly). */
export function qrImages(maxBytes = 70_000): Uint8Array[] {
  const dir = fileURLToPath(new URL('../../test/fixtures/qr/', import.meta.url))
  return readdirSync(dir)
    .filter((n) => /\.(png|jpe?g)$/i.test(n))
    .sort()
    .map((n) => new Uint8Array(readFileSync(join(dir, n))))
    .filter((bytes) => bytes.byteLength <= maxBytes)
}

/** The QR texts of every adapter's sandbox samples: genuine links, forgeries, Vietnamese QR texts. */
export function nationalQrTexts(): string[] {
  return Object.values(sandboxes).flatMap((factory) =>
    factory()
      .samples()
      .map((s) => s.qr),
  )
}
