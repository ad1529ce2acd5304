// The EU business-rules test data served on 127.0.0.1 in the gateway distribution format: the same
// rule set as read from the directory, a reload that fetches only the listings, the Node server
// configured with CERTBRIDGE_RULES_URL, bad answers refused.
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import { acceptanceCountries } from './acceptance.ts'
import { loadRuleSetFromDirectory } from '../runtime/node/rules-dir.ts'
import { loadRuleSetFromUrl } from './load-url.ts'

function gatewayFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>()
  const sha = (text: string) => createHash('sha256').update(text).digest('hex')
  const rules: { identifier: string; version: string; country: string; hash: string }[] = []
  for (const country of readdirSync(dir).filter((n) => /^[A-Z]{2}$/.test(n))) {
    for (const id of readdirSync(join(dir, country))) {
      let text: string
      try {
        text = readFileSync(join(dir, country, id, 'rule.json'), 'utf8')
      } catch {
        continue
      }
      const hash = sha(text)
      rules.push({ identifier: id, version: (JSON.parse(text) as { Version: string }).Version, country, hash })
      files.set(`/rules/${country}/${hash}`, text)
    }
  }
  files.set('/rules', JSON.stringify(rules))
  const sets = JSON.parse(readFileSync(join(dir, 'valuesets', 'valueSets.json'), 'utf8')) as Record<string, string[]>
  const listing = Object.entries(sets).map(([id, codes]) => {
    const text = JSON.stringify({
      valueSetId: id,
      valueSetDate: '2021-10-01',
      valueSetValues: Object.fromEntries(codes.map((c) => [c, { display: c, active: true }])),
    })
    const hash = sha(text)
    files.set(`/valuesets/${hash}`, text)
    return { id, hash }
  })
  files.set('/valuesets', JSON.stringify(listing))
  return files
}

describe('loadRuleSetFromUrl', () => {
  let server: Server
  let base: string
  const requests: string[] = []
  const overrides = new Map<string, string | number>()

  beforeAll(async () => {
    const files = gatewayFiles(testdataPath('business-rules'))
    server = createServer((req, res) => {
      const path = (req.url ?? '').replace(/^\/gateway/, '')
      requests.push(path)
      const body = overrides.get(path) ?? files.get(path)
      if (body === undefined || typeof body === 'number') {
        res.writeHead(typeof body === 'number' ? body : 404).end()
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(body)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/gateway/`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('reads the same rule set as the directory, and a reload fetches only the listings', async () => {
    const fromDir = await loadRuleSetFromDirectory(testdataPath('business-rules'))
    const cache = new Map<string, unknown>()
    requests.length = 0
    const fromUrl = await loadRuleSetFromUrl(base, { cache })
    expect(fromUrl.rules.length).toBe(fromDir.rules.length)
    expect(acceptanceCountries(fromUrl)).toEqual(acceptanceCountries(fromDir))
    // The same codes per value set (object keys put numeric codes first, so compare them sorted).
    const sorted = (sets: Record<string, readonly string[]>) =>
      Object.fromEntries(Object.entries(sets).map(([id, codes]) => [id, [...codes].sort()]))
    expect(sorted(fromUrl.valueSets)).toEqual(sorted(fromDir.valueSets))
    expect(requests.length).toBeGreaterThan(fromDir.rules.length)
    requests.length = 0
    await loadRuleSetFromUrl(base, { cache })
    expect(requests).toEqual(['/rules', '/valuesets'])
  })

  it('is what the Node server loads from CERTBRIDGE_RULES_URL: /verify offers the countries', async () => {
    const { startServer } = await import('../runtime/node/main.ts')
    const dataDir = mkdtempSync(join(tmpdir(), 'certbridge-rules-url-'))
    const quiet = { debug() {}, info() {}, warn() {}, error() {} }
    const server = await startServer({ port: 0, dataDir, env: { CERTBRIDGE_RULES_URL: base }, log: quiet as never })
    try {
      const html = await (await fetch(`${server.url}/verify?lang=en`)).text()
      expect(html).toContain('<option value="DE">Germany</option>')
      expect(html).not.toContain('id="no-rules"')
    } finally {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 60_000)

  it('refuses a listing in another format, an unreachable service and a rule that is not JSON', async () => {
    overrides.set('/rules', JSON.stringify({ rules: [] }))
    await expect(loadRuleSetFromUrl(base)).rejects.toMatchObject({ code: 'RULES_INVALID' })
    overrides.set('/rules', 503)
    await expect(loadRuleSetFromUrl(base)).rejects.toMatchObject({ code: 'RULES_UNREADABLE' })
    overrides.clear()
    const listing = JSON.parse(gatewayFiles(testdataPath('business-rules')).get('/rules')!) as { country: string; hash: string }[]
    overrides.set(`/rules/${listing[0]!.country}/${listing[0]!.hash}`, '{not json')
    await expect(loadRuleSetFromUrl(base)).rejects.toMatchObject({ code: 'RULES_INVALID' })
    overrides.clear()
  })
})
