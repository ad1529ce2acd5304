import { describe, expect, it } from 'vitest'
import { sandboxes } from '../../adapters/registry.ts'
import { testdataPath } from '../../test/shared.ts'
import { loadRuleSetFromDirectory } from '../runtime/node/rules-dir.ts'
import { webRoutes } from './routes.ts'

const app = webRoutes({ sandbox: true })
const withRules = webRoutes({ sandbox: true, rules: await loadRuleSetFromDirectory(testdataPath('business-rules')) })
const sampleQr = (adapter: string) => {
  const sample = sandboxes[adapter]!()
    .samples()
    .find((s) => s.expect.status === 201)
  if (!sample) throw new Error(`no issuable sample for ${adapter}`)
  return sample.qr
}

describe('pages', () => {
  it('serves / in the language of Accept-Language with a strict same-origin CSP', async () => {
    const res = await app.request('/', { headers: { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.5' } })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<html lang="ru">')
    expect(html).toContain('Ваш национальный сертификат')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("default-src 'none'")
    expect(csp).not.toMatch(/unsafe|https?:|\*/)
    // nothing from another origin: no absolute URLs in src/href attributes
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//)
    expect(html).not.toMatch(/<script>|<style|style="/)
  })

  it('prefers ?lang= and remembers it in a cookie', async () => {
    const res = await withRules.request('/verify?lang=vi', { headers: { 'accept-language': 'ru' } })
    expect(await res.text()).toContain('<html lang="vi">')
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^lang=vi;/)
    const again = await withRules.request('/verify', { headers: { cookie: 'lang=vi', 'accept-language': 'ru' } })
    const html = await again.text()
    expect(html).toContain('Kiểm tra Chứng nhận COVID kỹ thuật số EU')
    expect(html).toContain('<option value="DE">Đức</option>')
  })

  it('falls back to English and shows the sandbox banner only in sandbox mode', async () => {
    const sandboxed = await (await app.request('/', { headers: { 'accept-language': 'de-DE' } })).text()
    expect(sandboxed).toContain('<html lang="en">')
    expect(sandboxed).toContain('class="banner"')
    expect(sandboxed).toContain('id="sample"')
    const production = await (await webRoutes({ sandbox: false }).request('/')).text()
    expect(production).not.toContain('class="banner"')
    expect(production).not.toContain('id="sample"')
  })

  it('offers on /verify only the countries whose rules are loaded, and says so when none are', async () => {
    const html = await (await withRules.request('/verify?lang=en')).text()
    const offered = [...html.matchAll(/<option value="([A-Z]{2})">/g)].map((m) => m[1]).sort()
    expect(offered).toEqual(['AT', 'CH', 'CY', 'CZ', 'DE', 'ES', 'EU', 'FI', 'FR', 'HR', 'IE', 'LU', 'NL', 'PL', 'RO'])
    expect(html).toContain('<option value="EU">European Union</option>')
    const none = await (await app.request('/verify?lang=ru')).text()
    expect(none).not.toContain('id="country"')
    expect(none).toContain('<p class="note" id="no-rules">В этот сервис не загружены правила въезда')
  })

  it('labels every form control', async () => {
    for (const path of ['/', '/verify']) {
      const html = await (await withRules.request(path)).text()
      const ids = [...html.matchAll(/<(?:input|textarea|select)[^>]*\sid="([^"]+)"/g)].map((m) => m[1])
      expect(ids.length).toBeGreaterThan(2)
      for (const id of ids) expect(html, `label for #${id} on ${path}`).toContain(`<label for="${id}">`)
    }
  })

  it('serves the script with jsQR and the styles; unknown assets are 404 problems', async () => {
    const js = await app.request('/assets/page.js')
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(await js.text()).toContain('jsQR')
    const css = await app.request('/assets/print-a6.css')
    expect(await css.text()).toContain('size:105mm 148mm')
    const missing = await app.request('/assets/nope.js')
    expect(missing.status).toBe(404)
    expect(((await missing.json()) as { code: string }).code).toBe('NOT_FOUND')
  })
})

describe('POST /v1/links/describe', () => {
  it('names the adapter, country and link form of a sample, without calling anything', async () => {
    const res = await app.request('/v1/links/describe', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: sampleQr('ru-mos') }),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ adapter: 'ru-mos', country: 'RU', title: 'Russia: Moscow (immune.mos.ru)', kind: 'qr' })
    const vn = await app.request('/v1/links/describe', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: sampleQr('vn-qr') }),
    })
    expect(await vn.json()).toMatchObject({ adapter: 'vn-qr', country: 'VN' })
    // The text never travels in a URL: there is no GET.
    const get = await app.request(`/v1/links/describe?text=${encodeURIComponent(sampleQr('vn-qr'))}`)
    expect(get.status).toBe(404)
  })

  it('recognises an EU DCC', async () => {
    const res = await app.request('/v1/links/describe', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'HC1:NCFOXN%TS3DH3ZSUZK' }),
    })
    expect(await res.json()).toEqual({ adapter: 'eu-dcc', country: null, title: 'EU Digital COVID Certificate', kind: 'hc1' })
  })

  it('answers problems with the registry codes', async () => {
    const cases: [string, string][] = [
      ['https://example.com/certificate/1', 'LINK_UNSUPPORTED'],
      ['https://immune.mos.ru@evil.example/qr?id=1234567890', 'LINK_FORGED'],
      ['x'.repeat(5000), 'LINK_UNSUPPORTED'],
    ]
    for (const [text, code] of cases) {
      const res = await app.request('/v1/links/describe', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      })
      expect(res.status, text.slice(0, 40)).toBe(400)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      const body = (await res.json()) as { code: string; detail: string }
      expect(body.code, text.slice(0, 40)).toBe(code)
      expect(body.detail).not.toContain('evil.example')
    }
    const empty = await app.request('/v1/links/describe', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' })
    expect(((await empty.json()) as { code: string }).code).toBe('BAD_REQUEST')
  })
})

describe('POST|GET /v1/transliterate', () => {
  it('answers the ICAO 9303 names that will be printed', async () => {
    const res = await app.request('/v1/transliterate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ familyName: 'Щукина-Жукова', givenName: 'Юлия' }),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ fnt: 'SHCHUKINA<ZHUKOVA', gnt: 'IULIIA' })
    const vn = await app.request(`/v1/transliterate?familyName=${encodeURIComponent('Nguyễn')}&givenName=${encodeURIComponent('Văn A')}`)
    expect(await vn.json()).toEqual({ fnt: 'NGUYEN', gnt: 'VAN<A' })
  })

  it('answers empty names with empty results and refuses over-long ones', async () => {
    expect(await (await app.request('/v1/transliterate?familyName=')).json()).toEqual({ fnt: '', gnt: '' })
    const long = await app.request(`/v1/transliterate?familyName=${'a'.repeat(81)}`)
    expect(long.status).toBe(400)
    expect(((await long.json()) as { code: string }).code).toBe('BAD_REQUEST')
  })
})
