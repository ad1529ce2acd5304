// The citizen's page in a real browser (Debian's chromium through playwright-core) against the server
// in sandbox mode on 127.0.0.1: upload a national QR picture, fill the holder, consent, get the EU QR,
// read it back from the page's image and verify it; a holder mismatch; the Vietnamese page; 360 px.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import jsQR from 'jsqr'
import QRCode from 'qrcode'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SampleEntry } from '../../src/http/deps.ts'
import { startTarget, type Target } from './target.ts'

const CHROMIUM = '/usr/bin/chromium'
const runnable = existsSync(CHROMIUM) || Boolean(process.env.CI)
if (!runnable) console.warn(`browser tests skipped: ${CHROMIUM} is absent (apt-get install -y chromium) and CI is not set`)

const artifacts = join(import.meta.dirname, '..', '..', 'test-artifacts')

describe.skipIf(!runnable)('the citizen page in chromium', () => {
  let target: Target
  let browser: Browser
  let samples: SampleEntry[]

  beforeAll(async () => {
    target = await startTarget()
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    })
    samples = ((await (await fetch(`${target.url}/v1/sandbox/samples`)).json()) as { samples: SampleEntry[] }).samples
  })
  afterAll(async () => {
    await browser?.close()
    await target?.close()
  })

  /** A page that records CSP violations, script errors and any request to another origin. */
  async function open(context: BrowserContext, path: string): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage()
    const problems: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(e.message))
    page.on('request', (r) => {
      if (!/^(data|blob):/.test(r.url()) && !r.url().startsWith(target.url)) problems.push(`request to ${r.url()}`)
    })
    await page.goto(`${target.url}${path}`)
    return { page, problems }
  }

  const issuable = () => {
    const sample = samples.find(
      (s) =>
        s.expect.status === 201 &&
        s.expect.type === 'vaccination' &&
        /^\d{4}-\d{2}-\d{2}$/.test(s.holder.dateOfBirth) &&
        s.adapter.startsWith('ru-'),
    )
    if (!sample) throw new Error('no issuable Russian vaccination sample')
    return sample
  }

  async function fillHolder(page: Page, holder: SampleEntry['holder']): Promise<void> {
    await page.fill('#familyName', holder.familyName)
    await page.fill('#givenName', holder.givenName)
    if (holder.patronymic) await page.fill('#patronymic', holder.patronymic)
    await page.fill('#dateOfBirth', holder.dateOfBirth)
    if (holder.documentNumber) await page.fill('#documentNumber', holder.documentNumber)
  }

  /** The EU QR as the page draws it, rasterised in the page and read with jsQR here. */
  async function readResultQr(page: Page): Promise<string | null> {
    const { width, rgba } = await page.evaluate(async () => {
      const svg = document.querySelector('#result-qr svg')!
      const image = new Image()
      image.src = `data:image/svg+xml;base64,${btoa(new XMLSerializer().serializeToString(svg))}`
      await image.decode()
      const canvas = document.createElement('canvas')
      canvas.width = canvas.height = 600
      const context = canvas.getContext('2d')!
      context.drawImage(image, 0, 0, 600, 600)
      const bytes = context.getImageData(0, 0, 600, 600).data
      let binary = ''
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
      return { width: 600, rgba: btoa(binary) }
    })
    const data = new Uint8ClampedArray(Buffer.from(rgba, 'base64'))
    return jsQR(data, width, width)?.data ?? null
  }

  it('issues from an uploaded picture of a national QR, and the EU QR on the page verifies', async () => {
    const sample = issuable()
    const picture = join(tmpdir(), `certbridge-national-qr-${process.pid}.png`)
    writeFileSync(picture, await QRCode.toBuffer(sample.qr, { errorCorrectionLevel: 'M', scale: 6, margin: 4 }))
    const context = await browser.newContext({ locale: 'en-GB' })
    const { page, problems } = await open(context, '/')
    await page.setInputFiles('#qr-file', picture)
    await expect.poll(() => page.inputValue('#qr')).toBe(sample.qr)
    await page.locator('#link-status.ok').waitFor()
    expect(await page.textContent('#link-status')).toMatch(/^Recognised: Russia, /)
    expect(await page.isVisible('#patronymic')).toBe(true)
    await fillHolder(page, sample.holder)
    await expect.poll(() => page.textContent('#fnt')).toMatch(/^[A-Z<]+$/)
    await page.check('#consent')
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/v1/certificates')), page.click('#submit')])
    expect(response.status()).toBe(201)
    const issued = (await response.json()) as { hc1: string; uvci: string }
    await page.locator('#result').waitFor()
    await expect.poll(() => page.textContent('#result-facts')).toContain('Vaccine')
    const facts = (await page.textContent('#result-facts')) ?? ''
    expect(facts).toContain(issued.uvci)
    expect(facts).toMatch(/Dose\s*\d of \d/)
    expect(await page.getAttribute('#download', 'href')).toMatch(/^data:image\/png;base64,/)

    const read = await readResultQr(page)
    expect(read).toBe(issued.hc1)
    if (target.real) {
      const verified = (await (
        await fetch(`${target.url}/v1/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ hc1: read }),
        })
      ).json()) as { status: string }
      expect(verified.status).toBe('VALID')
    }
    // The same certificate on /verify, pasted: the verdict and its facts in plain words.
    await page.click('header nav a[href="/verify"]')
    await page.fill('#hc1', issued.hc1)
    await page.click('#submit')
    await page.locator('#verify-result').waitFor()
    expect(await page.textContent('#verdict h3')).toBe('Valid')
    expect(await page.textContent('#verify-facts')).toContain('Vaccination')
    expect(problems).toEqual([])
    await context.close()
  })

  it('explains a refusal in plain words, driven by the keyboard', async () => {
    const sample = samples.find((s) => s.expect.code === 'NO_MATCHING_CERTIFICATE' && s.name.includes('holder mismatch'))
    if (!sample) throw new Error('no holder-mismatch sample')
    const context = await browser.newContext({ locale: 'en-US' })
    const { page, problems } = await open(context, '/')
    await page.focus('#qr')
    await page.keyboard.insertText(sample.qr)
    await page.locator('#link-status.ok').waitFor()
    await fillHolder(page, sample.holder)
    await page.focus('#consent')
    await page.keyboard.press('Space')
    expect(await page.isChecked('#consent')).toBe(true)
    await page.focus('#submit')
    await page.keyboard.press('Enter')
    await page.locator('#error h2').waitFor()
    expect(await page.textContent('#error h2')).toBe('No certificate that can be converted matches this link and these details.')
    expect(await page.textContent('#error')).toContain('Reference: NO_MATCHING_CERTIFICATE')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error')
    expect(await page.isVisible('#result')).toBe(false)
    expect(problems.filter((p) => !/status of 404/.test(p))).toEqual([])
    await context.close()
  })

  it('speaks Vietnamese from Accept-Language and recognises a Vietnamese QR', async () => {
    const sample = samples.find((s) => s.adapter === 'vn-qr' && s.expect.status === 201)
    if (!sample) throw new Error('no issuable vn-qr sample')
    const context = await browser.newContext({ locale: 'vi-VN' })
    const { page, problems } = await open(context, '/')
    expect(await page.getAttribute('html', 'lang')).toBe('vi')
    expect(await page.textContent('h1')).toBe('Chuyển chứng nhận COVID quốc gia của bạn thành chứng nhận EU')
    await page.fill('#qr', sample.qr)
    await page.locator('#link-status.ok').waitFor()
    expect(await page.textContent('#link-status')).toMatch(/^Đã nhận dạng: Việt Nam, /)
    expect(await page.isVisible('#patronymic')).toBe(false)
    await page.fill('#familyName', 'Nguyễn')
    await page.fill('#givenName', 'Văn A')
    await expect.poll(() => page.textContent('#gnt')).toBe('VAN<A')
    expect(await page.textContent('#fnt')).toBe('NGUYEN')
    await page.click('nav.langs a[lang="ru"]')
    expect(await page.getAttribute('html', 'lang')).toBe('ru')
    expect(problems).toEqual([])
    await context.close()
  })

  it('fits a 360 px wide screen (screenshot in test-artifacts/)', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, locale: 'ru-RU' })
    const { page, problems } = await open(context, '/')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    mkdirSync(artifacts, { recursive: true })
    await page.screenshot({ path: join(artifacts, 'citizen-page-360.png'), fullPage: true })
    const verify = await open(context, '/verify')
    expect(await verify.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await verify.page.screenshot({ path: join(artifacts, 'verify-page-360.png'), fullPage: true })
    expect([...problems, ...verify.problems]).toEqual([])
    await context.close()
  })
})
