// Shared by the browser tests: chromium launch, a page that records script errors and requests to
// other origins, and the citizen's whole flow (sample → holder → consent → card) in one language.
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { SampleEntry } from '../../src/http/deps.ts'

export const CHROMIUM = '/usr/bin/chromium'
export const runnable = existsSync(CHROMIUM) || Boolean(process.env.CI)
export const artifacts = join(import.meta.dirname, '..', '..', 'test-artifacts')

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  })
}

export function artifact(name: string): string {
  mkdirSync(artifacts, { recursive: true })
  return join(artifacts, name)
}

/** A page that records CSP violations, script errors and any request to another origin. */
export async function openPage(context: BrowserContext, base: string, path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  page.on('request', (r) => {
    if (!/^(data|blob):/.test(r.url()) && !r.url().startsWith(base)) problems.push(`request to ${r.url()}`)
  })
  await page.goto(`${base}${path}`)
  return { page, problems }
}

/** An issuable vaccination sample of the adapter family (`ru-` or `vn-`), with a full date of birth. */
export function issuableSample(samples: readonly SampleEntry[], prefix: 'ru-' | 'vn-'): SampleEntry {
  const sample = samples.find(
    (s) =>
      s.expect.status === 201 &&
      s.expect.type === 'vaccination' &&
      /^\d{4}-\d{2}-\d{2}$/.test(s.holder.dateOfBirth) &&
      s.adapter.startsWith(prefix),
  )
  if (!sample) throw new Error(`no issuable ${prefix} vaccination sample`)
  return sample
}

/** The whole flow through the page's own controls: pick the sample, consent, create; waits for the card. */
export async function issueFromSample(
  page: Page,
  samples: readonly SampleEntry[],
  sample: SampleEntry,
): Promise<{ hc1: string; uvci: string }> {
  await page.locator('#sample-field').waitFor()
  await page.selectOption('#sample', String(samples.indexOf(sample)))
  await page.locator('#link-status.ok').waitFor()
  await page.check('#consent')
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/v1/certificates')), page.click('#submit')])
  if (response.status() !== 201) throw new Error(`issuance answered ${response.status()}`)
  const issued = (await response.json()) as { hc1: string; uvci: string }
  await page.locator('#result').waitFor()
  await page.locator('#result-facts [data-fact="vaccine"]').waitFor()
  await page.locator('#download[href^="data:image/png"]').waitFor({ state: 'attached' })
  return issued
}
