// The result card as a person sees it, in chromium: the whole flow (sample → holder → consent → card)
// in Russian, Vietnamese and English; the card's layout at 320, 360, 768 and 1280 px (no value broken
// inside a word, none narrower than its longest word, the QR at least 60 mm, a reasonable height);
// print on A6 and on A4 giving exactly one page of that size; the PNG and PDF downloads (the PDF read
// with poppler's pdfinfo and pdftotext, which .ci/run installs). Screenshots and the
// PDFs go to test-artifacts/ (git-ignored).
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import jsQR from 'jsqr'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SampleEntry } from '../../src/http/deps.ts'
import { artifact, issuableSample, issueFromSample, launch, openPage, runnable } from './session.ts'
import { startTarget, type Target } from './target.ts'

/** Every word of every card value: broken across lines, or wider than its value's box. */
async function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = []
    for (const dd of document.querySelectorAll<HTMLElement>('#result-facts dd')) {
      const box = dd.getBoundingClientRect()
      const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? ''
        for (const match of text.matchAll(/\S+/g)) {
          const range = document.createRange()
          range.setStart(node, match.index)
          range.setEnd(node, match.index + match[0].length)
          const rects = [...range.getClientRects()].filter((r) => r.width > 0)
          const lines = new Set(rects.map((r) => Math.round(r.top)))
          const width = range.getBoundingClientRect().width
          if (lines.size > 1) faults.push(`${dd.dataset.fact}: "${match[0]}" broken over ${lines.size} lines`)
          if (width > box.width + 0.5)
            faults.push(`${dd.dataset.fact}: "${match[0]}" (${width.toFixed(0)} px) wider than its value (${box.width.toFixed(0)} px)`)
        }
      }
    }
    return faults
  })
}

const MM = 96 / 25.4

describe.skipIf(!runnable)('the result card in chromium', () => {
  let target: Target
  let browser: Browser
  let samples: SampleEntry[]

  beforeAll(async () => {
    target = await startTarget()
    browser = await launch()
    samples = ((await (await fetch(`${target.url}/v1/sandbox/samples`)).json()) as { samples: SampleEntry[] }).samples
  })
  afterAll(async () => {
    await browser?.close()
    await target?.close()
  })

  for (const [lang, prefix, startWidth] of [
    ['ru', 'ru-', 360],
    ['vi', 'vn-', 360],
    ['en', 'ru-', 360],
    ['ru', 'ru-', 1280],
    ['en', 'ru-', 1280],
    ['vi', 'vn-', 1280],
  ] as const) {
    it(`${lang}: the flow at ${startWidth} px, the card at every width, one page on A6 and A4`, async () => {
      const context = await browser.newContext({ viewport: { width: startWidth, height: 800 }, locale: lang, acceptDownloads: true })
      const { page, problems } = await openPage(context, target.url, `/?lang=${lang}`)
      page.setDefaultTimeout(15_000)
      const sample = issuableSample(samples, prefix)
      const issued = await issueFromSample(page, samples, sample)
      await expect.poll(() => page.textContent('#result-facts [data-fact="name"]')).toContain(sample.holder.familyName)

      // What the citizen reads: their language, names of countries, no ICAO filler, no raw codes.
      const facts = (await page.textContent('#result-facts')) ?? ''
      expect(facts).not.toContain('<')
      const country = await page.textContent('#result-facts [data-fact="country"]')
      expect(country).toBe(new Intl.DisplayNames([lang], { type: 'region' }).of(prefix === 'ru-' ? 'RU' : 'VN'))
      expect(await page.textContent('#result-facts [data-fact="uvci"]')).toBe(issued.uvci)

      for (const width of [320, 360, 768, 1280]) {
        await page.setViewportSize({ width, height: 800 })
        expect(await layoutFaults(page), `${lang} at ${width} px`).toEqual([])
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${lang} at ${width} px`).toBeLessThanOrEqual(width)
        const qr = await page.locator('#result-qr svg').boundingBox()
        expect(qr!.width).toBeGreaterThanOrEqual(60 * MM - 0.5)
        const card = await page.locator('#result .card').boundingBox()
        expect(card!.height, `card height at ${width} px`).toBeLessThan(width < 500 ? 1400 : 1100)
        await page.locator('#result .card').screenshot({ path: artifact(`card-${lang}-${startWidth}-at-${width}.png`) })
      }
      await page.setViewportSize({ width: startWidth, height: 800 })
      await page.screenshot({ path: artifact(`card-page-${lang}-${startWidth}.png`), fullPage: true })
      // The whole page (no rules loaded here, so no acceptance table): about two screens on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(startWidth < 500 ? 3000 : 2000)

      // Print through the page's own buttons (the dialog itself stubbed): exactly one page of that size.
      await page.evaluate(() => {
        window.print = () => undefined
      })
      for (const [button, size] of [
        ['#print-a6', [105, 148]],
        ['#print-a4', [210, 297]],
      ] as const) {
        await page.click(button)
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
        writeFileSync(artifact(`print-${button.slice(7)}-${lang}-${startWidth}.pdf`), pdf)
        const text = pdf.toString('latin1')
        expect(text.match(/\/Type\s*\/Page\b/g)?.length, `${button} in ${lang}`).toBe(1)
        const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text)
        expect((Number(box![1]) / 72) * 25.4).toBeCloseTo(size[0], 0)
        expect((Number(box![2]) / 72) * 25.4).toBeCloseTo(size[1], 0)
      }
      await page.emulateMedia({ media: 'print' })
      await page.screenshot({ path: artifact(`print-a4-${lang}-${startWidth}.png`), fullPage: true })
      await page.emulateMedia({ media: 'screen' })

      // Download PNG: drawn in the page from the SVG, the QR readable, the text under it.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')])
      const path = artifact(`download-${lang}-${startWidth}.png`)
      await download.saveAs(path)
      const png = await page.evaluate(
        async (href) => {
          const image = new Image()
          image.src = href
          await image.decode()
          const canvas = document.createElement('canvas')
          canvas.width = image.width
          canvas.height = image.height
          const context = canvas.getContext('2d')!
          context.drawImage(image, 0, 0)
          const bytes = context.getImageData(0, 0, image.width, image.width).data
          let binary = ''
          for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
          // Dark pixels below the QR: the written lines.
          const below = context.getImageData(0, image.width, image.width, image.height - image.width).data
          let dark = 0
          for (let i = 0; i < below.length; i += 4) if (below[i]! < 128) dark++
          return { width: image.width, height: image.height, rgba: btoa(binary), dark }
        },
        (await page.getAttribute('#download', 'href'))!,
      )
      expect(png.height).toBeGreaterThan(png.width + 100)
      expect(png.dark).toBeGreaterThan(1000)
      expect(jsQR(new Uint8ClampedArray(Buffer.from(png.rgba, 'base64')), png.width, png.width)?.data).toBe(issued.hc1)

      // Download PDF: one page of A6, the holder's name present as text (poppler's pdfinfo and pdftotext).
      const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-pdf')])
      const pdfPath = artifact(`download-${lang}-${startWidth}.pdf`)
      await pdfDownload.saveAs(pdfPath)
      const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' })
      expect(info).toMatch(/^Pages:\s+1$/m)
      expect(info).toMatch(/^Page size:\s+297\.6\d* x 419\.5\d* pts/m)
      const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' })
      expect(pdfText).toContain(sample.holder.familyName)
      expect(pdfText).toContain(issued.uvci.split(':').at(-1)!.split('#')[0])
      expect(problems).toEqual([])
      await context.close()
    }, 120_000)
  }
})
