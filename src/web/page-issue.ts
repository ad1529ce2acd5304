// `/`: the citizen's page. Paste, upload or scan the national QR; see what was recognised; enter the
// holder in their own script with a live ICAO preview; consent to exactly what the DCC will hold.
import { escapeHtml as e } from '../platform/html.ts'
import { acceptanceSection, layout, qrReader, type PageContext } from './layout.ts'

export function issuePage(ctx: PageContext): string {
  const s = ctx.strings
  const i = s.issue
  const field = (id: string, label: string, attrs: string, help?: string) =>
    `<p class="field" id="${id}-field"><label for="${id}">${e(label)}</label>${help ? `<span class="help" id="${id}-help">${e(help)}</span>` : ''}
<input id="${id}" name="${id}" ${attrs}${help ? ` aria-describedby="${id}-help"` : ''}></p>`
  const main = `<p>${e(i.intro)}</p>
<form id="issue-form" novalidate>
<section aria-labelledby="step1">
<h2 id="step1">${e(i.step1)}</h2>
${ctx.sandbox ? `<p class="field" id="sample-field" hidden><label for="sample">${e(i.sampleLabel)}</label><select id="sample"><option value="">${e(i.samplePick)}</option></select></p>` : ''}
<p class="field"><label for="qr">${e(i.qrLabel)}</label><span class="help" id="qr-help">${e(i.qrHelp)}</span>
<textarea id="qr" name="qr" rows="3" maxlength="4296" autocomplete="off" autocapitalize="off" spellcheck="false" required aria-describedby="qr-help link-status"></textarea></p>
${qrReader(s, 'qr')}
<p id="link-status" class="status" role="status" aria-live="polite"></p>
</section>
<section aria-labelledby="step2">
<h2 id="step2">${e(i.step2)}</h2>
<p class="help">${e(i.holderHelp)}</p>
${field('familyName', i.familyName, 'type="text" maxlength="80" autocomplete="family-name" required')}
${field('givenName', i.givenName, 'type="text" maxlength="80" autocomplete="given-name" required')}
<div id="patronymic-wrap" hidden>${field('patronymic', i.patronymic, 'type="text" maxlength="80" autocomplete="additional-name"', i.patronymicHelp)}</div>
${field('dateOfBirth', i.dateOfBirth, 'type="date" min="1900-01-01" autocomplete="bday" required')}
${field('documentNumber', i.documentNumber, 'type="text" maxlength="40" autocomplete="off"', i.documentHelp)}
<div class="preview" id="preview" aria-live="polite">
<p class="preview-title">${e(i.preview)}</p>
<dl><dt>${e(i.previewFamily)}</dt><dd id="fnt" class="mono">—</dd><dt>${e(i.previewGiven)}</dt><dd id="gnt" class="mono">—</dd></dl>
</div>
</section>
<section aria-labelledby="step3">
<h2 id="step3">${e(i.step3)}</h2>
<p class="consent"><input type="checkbox" id="consent" name="consent" required><label for="consent">${e(i.consent)}</label></p>
<p><button type="submit" id="submit">${e(i.submit)}</button></p>
<p id="progress" class="status" role="status" aria-live="polite"></p>
</section>
</form>
<div id="error" class="error" role="alert" tabindex="-1" hidden></div>
<section id="result" class="result" aria-labelledby="result-title" tabindex="-1" hidden>
<div class="card">
<h2 id="result-title">${e(i.resultTitle)}</h2>
<div id="result-qr" class="qr" role="img" aria-label="${e(i.qrAlt)}"></div>
<dl id="result-facts" class="facts"></dl>
${ctx.sandbox ? `<p class="card-note">${e(s.sandbox)}</p>` : ''}
</div>
<p id="result-repeated" class="note" hidden>${e(i.repeated)}</p>
<p class="actions no-print"><a id="download" class="button" download="eu-digital-covid-certificate.png">${e(i.download)}</a>
${ctx.pdf ? `<button type="button" id="download-pdf">${e(i.downloadPdf)}</button>` : ''}
<button type="button" id="print-a6" class="secondary">${e(i.printA6)}</button>
<button type="button" id="print-a4" class="secondary">${e(i.printA4)}</button>
<button type="button" id="again" class="secondary">${e(i.again)}</button></p>
${acceptanceSection(s, 'result-acceptance')}
</section>`
  return layout(ctx, 'issue', i.title, main)
}
