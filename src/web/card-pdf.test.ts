import { readFileSync } from 'node:fs'
import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import { buildCardFonts, generatedFontModule, generatedFontPath } from '../../tools/web/build-card-font.ts'
import { cardPdf } from './card-pdf.ts'
import { webRoutes } from './routes.ts'

const austrianTest = (JSON.parse(readFileSync(testdataPath('dgc-testdata', 'AT', '2DCode', 'raw', '1.json'), 'utf8')) as { PREFIX: string })
  .PREFIX

describe('card-font.gen.ts', () => {
  it('is the current subset of DejaVu Sans (regenerate: npx tsx tools/web/build-card-font.ts)', async () => {
    expect(readFileSync(generatedFontPath, 'utf8') === generatedFontModule(await buildCardFonts())).toBe(true)
  })
})

describe('POST /v1/card.pdf', () => {
  const app = webRoutes({ sandbox: true, cardPdf })
  const post = (body: unknown) =>
    app.request('/v1/card.pdf', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

  it('draws one A6 page with the fonts embedded', async () => {
    const response = await post({ hc1: austrianTest, lang: 'ru' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    const bytes = new Uint8Array(await response.arrayBuffer())
    const doc = await PDFDocument.load(bytes)
    expect(doc.getPageCount()).toBe(1)
    const { width, height } = doc.getPage(0).getSize()
    expect([Math.round((width / 72) * 25.4), Math.round((height / 72) * 25.4)]).toEqual([105, 148])
    expect(doc.getTitle()).toBe('Ваш цифровой COVID-сертификат ЕС')
    expect(Buffer.from(bytes).toString('latin1')).toMatch(/\/FontFile2/)
  }, 20_000)

  it('is absent, with the page button, where no renderer is given (Workers)', async () => {
    const without = webRoutes({ sandbox: true })
    expect(
      (
        await without.request('/v1/card.pdf', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ hc1: austrianTest }),
        })
      ).status,
    ).toBe(404)
    expect(await (await without.request('/')).text()).not.toContain('id="download-pdf"')
    expect(await (await app.request('/')).text()).toContain('id="download-pdf"')
  })

  it('refuses what is not an HC1', async () => {
    expect((await post({ hc1: 'https://example.org' })).status).toBe(400)
    expect((await post({ hc1: 'HC1:NOT-BASE45' })).status).toBe(400)
    expect((await post({})).status).toBe(400)
  })
})
