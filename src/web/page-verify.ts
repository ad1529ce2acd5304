// `/verify`: read any EU DCC (paste, upload or scan) and show its verification result, optionally
// with the verdict of an arrival country's rules.
import { escapeHtml as e } from '../platform/html.ts'
import { acceptanceSection, layout, qrReader, type PageContext } from './layout.ts'

/** The arrival countries whose rules are loaded, by name in the page's language. */
function countryOptions(lang: string, arrivalCountries: readonly string[]): string {
  const names = new Intl.DisplayNames([lang], { type: 'region' })
  return arrivalCountries
    .map((code) => ({ code, name: names.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, lang))
    .map(({ code, name }) => `<option value="${code}">${e(name)}</option>`)
    .join('')
}

/** `countries`: the arrival countries with loaded rules; null when the server has no rules at all. */
export function verifyPage(ctx: PageContext, countries: readonly string[] | null): string {
  const v = ctx.strings.verify
  const main = `<p>${e(v.intro)}</p>
<form id="verify-form" novalidate>
<p class="field"><label for="hc1">${e(v.inputLabel)}</label>
<textarea id="hc1" name="hc1" rows="4" maxlength="8000" autocomplete="off" autocapitalize="off" spellcheck="false" required></textarea></p>
${qrReader(ctx.strings, 'hc1')}
${
  countries && countries.length > 0
    ? `<p class="field"><label for="country">${e(v.country)}</label>
<select id="country" name="country"><option value="">${e(v.countryNone)}</option>${countryOptions(ctx.lang, countries)}</select></p>`
    : `<p class="note" id="no-rules">${e(ctx.strings.acceptance.verifyNone)}</p>`
}
<p><button type="submit" id="submit">${e(v.submit)}</button></p>
<p id="progress" class="status" role="status" aria-live="polite"></p>
</form>
<div id="error" class="error" role="alert" tabindex="-1" hidden></div>
<section id="verify-result" class="result" aria-labelledby="verify-title" tabindex="-1" hidden>
<h2 id="verify-title">${e(v.resultTitle)}</h2>
<div id="verdict" class="verdict"></div>
<h3 id="verify-facts-title" hidden></h3>
<dl id="verify-facts" class="facts"></dl>
<div id="rules-wrap" hidden>
<h3>${e(v.rules)}</h3>
<div class="table-scroll"><table id="rules"><thead><tr><th scope="col">${e(v.ruleId)}</th><th scope="col">${e(v.ruleDescription)}</th><th scope="col">${e(v.ruleResult)}</th></tr></thead><tbody></tbody></table></div>
</div>
${acceptanceSection(ctx.strings, 'verify-acceptance')}
</section>`
  return layout(ctx, 'verify', v.title, main)
}
