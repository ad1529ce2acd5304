// What citizens read is their language, in chromium: a recognised link named by country and service
// (no internal link kinds), a link with http:// told that its scheme is wrong (not that it is forged),
// and a refusal in Vietnamese without the server's English detail.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SampleEntry } from '../../src/http/deps.ts'
import { launch, openPage, runnable } from './session.ts'
import { startTarget, type Target } from './target.ts'

describe.skipIf(!runnable)('the page speaks the citizen language', () => {
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

  it('names a recognised link by country and service, and tells an http:// link its scheme is wrong', async () => {
    const mos = samples.find((s) => s.adapter === 'ru-mos' && s.expect.status === 201)!
    const context = await browser.newContext({ locale: 'ru-RU' })
    const { page, problems } = await openPage(context, target.url, '/')
    await page.fill('#qr', mos.qr)
    await page.locator('#link-status.ok').waitFor()
    expect(await page.textContent('#link-status')).toBe('Распознано: Россия, сертификат Москвы (immune.mos.ru).')
    await page.fill('#qr', mos.qr.replace(/^https:/, 'http:'))
    await page.locator('#link-status.bad').waitFor()
    const status = (await page.textContent('#link-status')) ?? ''
    expect(status).toMatch(/^Эта ссылка начинается с http:\/\/ вместо https:\/\//)
    expect(status).not.toMatch(/не ведёт|imitates/)
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([])
    await context.close()
  }, 60_000)

  it('explains a refusal in Vietnamese without an English sentence', async () => {
    const unmapped = samples.find((s) => s.adapter === 'vn-qr' && s.expect.code === 'PRODUCT_UNMAPPED')!
    const context = await browser.newContext({ locale: 'vi-VN' })
    const { page, problems } = await openPage(context, target.url, '/')
    await page.locator('#sample-field').waitFor()
    await page.selectOption('#sample', String(samples.indexOf(unmapped)))
    await page.locator('#link-status.ok').waitFor()
    expect(await page.textContent('#link-status')).toBe('Đã nhận dạng: Việt Nam, mã QR cá nhân quốc gia.')
    await page.check('#consent')
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/v1/certificates')), page.click('#submit')])
    const refusal = (await response.json()) as { code: string; detail?: string }
    await page.locator('#error h2').waitFor()
    const shown = (await page.textContent('#error')) ?? ''
    expect(shown).toContain('Vắc xin này không có mã trong danh mục của EU')
    if (refusal.detail) expect(shown).not.toContain(refusal.detail)
    expect(shown).not.toMatch(/\b(the|this|has|not|vaccine|product)\b/i)
    expect(problems.filter((p) => !/status of 4\d\d/.test(p))).toEqual([])
    await context.close()
  }, 60_000)
})
