// "Where this certificate is accepted" in chromium, against the real server with the EU business-rules
// test data loaded: under the card after the whole flow (a Sputnik V course, refused by some countries
// and accepted by others, with from/until dates) in Russian at 360 px and English at 1280 px, and on
// /verify; and /verify on a server without rules, which says so instead of offering countries; an
// unverifiable certificate is announced as such before its content.
import { readFileSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SampleEntry } from '../../src/http/deps.ts'
import { acceptanceCountries } from '../../src/rules/acceptance.ts'
import { loadRuleSetFromDirectory } from '../../src/runtime/node/rules-dir.ts'
import { testdataPath } from '../shared.ts'
import { artifact, issueFromSample, launch, openPage, runnable } from './session.ts'
import { startTarget, type Target } from './target.ts'

describe.skipIf(!runnable)('where the certificate is accepted, in chromium', () => {
  let withRules: Target
  let withoutRules: Target
  let browser: Browser
  let samples: SampleEntry[]
  let countries: string[]

  beforeAll(async () => {
    ;[withRules, withoutRules] = await Promise.all([startTarget({ rules: true }), startTarget()])
    browser = await launch()
    samples = ((await (await fetch(`${withRules.url}/v1/sandbox/samples`)).json()) as { samples: SampleEntry[] }).samples
    countries = acceptanceCountries(await loadRuleSetFromDirectory(testdataPath('business-rules')))
  })
  afterAll(async () => {
    await browser?.close()
    await withRules?.close()
    await withoutRules?.close()
  })

  const sputnik = () => {
    const sample =
      samples.find(
        (s) =>
          s.expect.status === 201 &&
          s.adapter.startsWith('ru-') &&
          /Спутник V|Sputnik V|Sputnik-V/i.test(s.name) &&
          /^\d{4}-\d{2}-\d{2}$/.test(s.holder.dateOfBirth),
      ) ??
      samples.find(
        (s) =>
          s.expect.status === 201 &&
          s.expect.type === 'vaccination' &&
          s.adapter.startsWith('ru-') &&
          /^\d{4}-\d{2}-\d{2}$/.test(s.holder.dateOfBirth),
      )
    if (!sample) throw new Error('no issuable Russian vaccination sample')
    return sample
  }

  for (const [lang, width, refused, fallback] of [
    ['ru', 360, 'Нет', /не дала описания правила на русском/],
    ['en', 1280, 'No', null],
  ] as const) {
    it(`${lang} at ${width} px: the table under the card, and on /verify`, async () => {
      if (!withRules.real) return // the stand-in API has no rules
      const context = await browser.newContext({ viewport: { width, height: 800 }, locale: lang })
      const { page, problems } = await openPage(context, withRules.url, `/?lang=${lang}`)
      page.setDefaultTimeout(20_000)
      const issued = await issueFromSample(page, samples, sputnik())
      const rows = page.locator('#result-acceptance tbody tr')
      await rows.first().waitFor()
      expect(await rows.count()).toBe(countries.length)
      // Germany accepts EU-authorised vaccines only: refused at every instant, with the rule's text.
      const de = page.locator('#result-acceptance tr[data-country="DE"]')
      expect(await de.locator('.country').textContent()).toBe(new Intl.DisplayNames([lang], { type: 'region' }).of('DE'))
      expect(await de.locator('.now').textContent()).toBe(refused)
      expect(((await de.locator('.why').textContent()) ?? '').length).toBeGreaterThan(10)
      if (fallback) {
        expect(await de.locator('.why .fallback').first().textContent()).toBe('EN')
        expect(await page.textContent('#result-acceptance .fallback-note')).toMatch(fallback)
      }
      // Some country accepts it, with dates in the page's language.
      const accepted = page.locator('#result-acceptance tr.accepted')
      expect(await accepted.count()).toBeGreaterThan(0)
      expect(await page.locator('#result-acceptance tr.refused').count()).toBeGreaterThan(0)
      const until = (await accepted.first().locator('.until').textContent()) ?? ''
      expect(until).toMatch(/\d{4}/)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
      await page.screenshot({ path: artifact(`acceptance-${lang}-${width}.png`), fullPage: true })
      await page.locator('#result-acceptance').screenshot({ path: artifact(`acceptance-table-${lang}-${width}.png`) })

      // /verify: the countries offered are those with rules; the table follows the verdict.
      await page.goto(`${withRules.url}/verify?lang=${lang}`)
      expect(await page.locator('#country option').count()).toBe(countries.length + 1)
      await page.fill('#hc1', issued.hc1)
      await page.click('#submit')
      await page.locator('#verify-acceptance tbody tr').first().waitFor()
      expect(await page.locator('#verify-acceptance tbody tr').count()).toBe(countries.length)
      await page.selectOption('#country', 'DE')
      await page.click('#submit')
      await page.locator('#verify-result:not([hidden]) #rules-wrap:not([hidden])').waitFor()
      expect(await page.textContent('#rules')).toContain('VR-DE-0002')
      await page.screenshot({ path: artifact(`verify-acceptance-${lang}-${width}.png`), fullPage: true })
      expect(problems).toEqual([])
      await context.close()
    }, 120_000)
  }

  it('without rules, /verify says so instead of offering countries', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'vi' })
    const { page, problems } = await openPage(context, withoutRules.url, '/verify?lang=vi')
    expect(await page.locator('#country').count()).toBe(0)
    expect(await page.textContent('#no-rules')).toContain('chưa nạp quy định nhập cảnh')
    await context.close()
    expect(problems).toEqual([])
  }, 60_000)

  it('an unverifiable certificate is said to be unverified before its content is shown', async () => {
    if (!withoutRules.real) return
    const foreign = (JSON.parse(readFileSync(testdataPath('dgc-testdata', 'AT', '2DCode', 'raw', '1.json'), 'utf8')) as { PREFIX: string })
      .PREFIX
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'ru' })
    const { page, problems } = await openPage(context, withoutRules.url, '/verify?lang=ru')
    await page.fill('#hc1', foreign)
    await page.click('#submit')
    await page.locator('#verify-result:not([hidden])').waitFor()
    expect(await page.textContent('#verdict h3')).toBe('Этот сертификат проверить не удалось')
    expect(await page.textContent('#verify-facts-title')).toMatch(/не проверено/)
    // In reading order: the verdict, then the title saying it is unverified, then the content.
    const order = await page.evaluate(() =>
      ['verdict', 'verify-facts-title', 'verify-facts'].map((id) => document.getElementById(id)!.getBoundingClientRect().top),
    )
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(await page.textContent('#verify-acceptance')).toContain('не загружены правила въезда')
    await page.screenshot({ path: artifact('verify-unverified-ru-360.png'), fullPage: true })
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)
})
