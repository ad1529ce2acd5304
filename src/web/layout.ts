// The shell shared by both pages: language, header with navigation and language switcher, the
// sandbox banner, and the strings handed to the client script. Only same-origin assets (CSP: self).
import { escapeHtml, jsonForScript } from '../platform/html.ts'
import { languages, stringsFor, type Language, type Strings } from './i18n.ts'
import { assetPath } from './assets.ts'

export interface PageContext {
  readonly lang: Language
  readonly strings: Strings
  readonly sandbox: boolean
  /** '/' or '/verify' */
  readonly path: string
  /** True when the server draws the card PDF (Node; not on Workers). */
  readonly pdf?: boolean
}

export function layout(ctx: PageContext, page: 'issue' | 'verify', title: string, main: string): string {
  const s = ctx.strings
  const navLink = (href: string, label: string) =>
    `<a href="${href}"${href === ctx.path ? ' aria-current="page"' : ''}>${escapeHtml(label)}</a>`
  const langLinks = languages
    .map((lang) => {
      const name = escapeHtml(stringsFor(lang).langName)
      return lang === ctx.lang
        ? `<a href="${ctx.path}?lang=${lang}" lang="${lang}" aria-current="true">${name}</a>`
        : `<a href="${ctx.path}?lang=${lang}" lang="${lang}" hreflang="${lang}">${name}</a>`
    })
    .join('')
  return `<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)} · ${escapeHtml(s.siteName)}</title>
<link rel="stylesheet" href="${assetPath('page.css')}">
<link rel="stylesheet" href="${assetPath('print-a4.css')}" media="print" id="print-sheet-a4">
<link rel="stylesheet" href="${assetPath('print-a6.css')}" media="not all" id="print-sheet-a6">
<script type="application/json" id="strings">${jsonForScript(s)}</script>
<script src="${assetPath('page.js')}" defer></script>
</head>
<body data-page="${page}" data-lang="${ctx.lang}" data-sandbox="${ctx.sandbox}">
<a class="skip" href="#main">${escapeHtml(s.skip)}</a>
<header class="site">
<p class="brand">${escapeHtml(s.siteName)}</p>
<nav aria-label="${escapeHtml(s.nav.label)}">${navLink('/', s.nav.issue)}${navLink('/verify', s.nav.verify)}</nav>
<nav aria-label="${escapeHtml(s.language)}" class="langs">${langLinks}</nav>
</header>
${ctx.sandbox ? `<p class="banner" role="note">${escapeHtml(s.sandbox)}</p>` : ''}
<main id="main" tabindex="-1">
<h1>${escapeHtml(title)}</h1>
<noscript><p class="notice">${escapeHtml(s.noScript)}</p></noscript>
${main}
</main>
<footer class="site"><p>${escapeHtml(s.footer)}</p></footer>
</body>
</html>
`
}

/** "Where this certificate is accepted", filled by the page script (client/acceptance.ts). */
export function acceptanceSection(s: Strings, id: string): string {
  return `<section id="${id}" class="acceptance no-print" aria-labelledby="${id}-title" hidden>
<h2 id="${id}-title">${escapeHtml(s.acceptance.title)}</h2>
<div class="acceptance-body" aria-live="polite"></div>
</section>`
}

/** The QR reading controls shared by both pages: picture upload and live camera, filling `target`. */
export function qrReader(s: Strings, target: string): string {
  return `<div class="reader" data-target="${target}">
<p class="field"><label for="qr-file">${escapeHtml(s.issue.upload)}</label>
<input type="file" id="qr-file" accept="image/png,image/jpeg,image/webp,image/gif"></p>
<p><button type="button" id="scan-start" class="secondary" hidden>${escapeHtml(s.issue.scan)}</button></p>
<div id="camera" hidden>
<video id="camera-video" playsinline muted aria-label="${escapeHtml(s.issue.cameraLabel)}"></video>
<p><button type="button" id="scan-stop" class="secondary">${escapeHtml(s.issue.stopScan)}</button></p>
</div>
</div>`
}
