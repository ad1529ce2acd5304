// The page's stylesheets (served from /assets, CSP style-src 'self'). System fonts only; colours
// chosen for WCAG AA contrast (text ≥ 4.5:1, controls and focus ≥ 3:1); usable from 360 px wide.
export const pageCss = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:100%;line-height:1.5;color:#1b1b1b;background:#fff}
body{margin:0;min-width:320px}
a{color:#0b4f9c}
a:hover{color:#083a73}
:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px;box-shadow:0 0 0 6px #ffd54a}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
header.site{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center;padding:.75rem 1rem;border-bottom:1px solid #c8c8c8}
header.site .brand{margin:0;font-weight:700}
header.site nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
header.site nav a{padding:.25rem 0}
header.site nav a[aria-current]{font-weight:700;text-decoration-thickness:3px}
.langs{margin-left:auto}
.banner{margin:0;padding:.5rem 1rem;background:#fff3c4;color:#1b1b1b;border-bottom:2px solid #8a6d00}
main{display:block;max-width:44rem;margin:0 auto;padding:1rem}
main:focus{outline:none}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
section{margin-bottom:1rem}
.field{margin:0 0 1rem}
.field label{display:block;font-weight:600;margin-bottom:.25rem}
.help{display:block;color:#4a4a4a;font-size:.95rem;margin:0 0 .25rem}
input[type=text],input[type=date],textarea,select{display:block;width:100%;font:inherit;padding:.5rem;border:2px solid #5c5c5c;border-radius:4px;background:#fff;color:#1b1b1b;min-height:2.75rem}
textarea{resize:vertical;word-break:break-all}
input[type=file]{font:inherit;max-width:100%}
input[aria-invalid=true],textarea[aria-invalid=true]{border-color:#b00020}
button,.button{display:inline-block;font:inherit;font-weight:600;padding:.6rem 1.1rem;min-height:2.75rem;border-radius:4px;border:2px solid #0b4f9c;background:#0b4f9c;color:#fff;cursor:pointer;text-decoration:none;margin:0 .5rem .5rem 0}
button:hover,.button:hover{background:#083a73;color:#fff}
button.secondary{background:#fff;color:#0b4f9c}
button.secondary:hover{background:#e8f0fa;color:#083a73}
button[disabled]{opacity:.6;cursor:progress}
.consent{display:flex;gap:.75rem;align-items:flex-start}
.consent input{width:1.5rem;height:1.5rem;flex:none;margin-top:.15rem}
.status{min-height:1.5rem;margin:.25rem 0;color:#1b1b1b}
.status.ok{color:#1d5e20;font-weight:600}
.status.bad{color:#b00020;font-weight:600}
.preview{border-left:4px solid #0b4f9c;padding:.25rem .75rem;background:#f3f6fa}
.preview-title{margin:.25rem 0;font-weight:600}
.preview dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:.5rem 0}
dt{font-weight:600}
dd{margin:0;overflow-wrap:anywhere}
.facts{margin:.75rem 0 .5rem;padding:0}
.facts .fact{padding:.35rem 0;border-top:1px solid #e2e2e2}
.facts .fact:first-child{border-top:none}
.facts dt{font-weight:600;font-size:.9rem;color:#4a4a4a}
.facts dd{overflow-wrap:normal;word-break:keep-all;hyphens:manual}
.facts dd .line{display:block}
.facts dd .secondary{color:#4a4a4a;font-size:.95rem}
.facts dd.uvci{font-size:.9rem}
.card,.result{container-type:inline-size}
@container (min-width:26rem){.facts .fact{display:grid;grid-template-columns:minmax(7rem,34%) minmax(0,1fr);gap:0 1rem;align-items:baseline}.facts dt{font-size:.95rem}}
.mono{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
.error{border:2px solid #b00020;background:#fff5f5;color:#1b1b1b;padding:.75rem 1rem;border-radius:4px;margin:1rem 0}
.error h2{color:#b00020;font-size:1.15rem;margin:0 0 .25rem}
.error p{margin:.25rem 0}
.error .code{color:#4a4a4a;font-size:.9rem}
.result .card{border:1px solid #c8c8c8;border-radius:8px;padding:1rem;max-width:34rem}
.result .card h2{margin-top:0}
.qr svg{display:block;width:100%;min-width:60mm;max-width:24rem;height:auto;margin:0 auto;image-rendering:pixelated;shape-rendering:crispEdges}
.card-note{font-size:.9rem;color:#4a4a4a}
.note{font-weight:600}
.verdict{padding:.75rem 1rem;border-radius:4px;border:2px solid #5c5c5c}
.verdict.valid{border-color:#1d5e20;background:#eef7ee}
.verdict.invalid{border-color:#b00020;background:#fff5f5}
.verdict h3{margin:0 0 .25rem;font-size:1.2rem}
.verdict p{margin:0}
.verdict .reason{font-weight:600}
.facts.unverified{border-left:4px solid #b00020;padding-left:.75rem;color:#4a4a4a}
.table-scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #c8c8c8;padding:.4rem .5rem;text-align:left;vertical-align:top}
video{display:block;width:100%;max-width:26rem;background:#000}
footer.site{border-top:1px solid #c8c8c8;padding:1rem;color:#4a4a4a;font-size:.95rem}
footer.site p{max-width:44rem;margin:0 auto}
.acceptance{margin-top:1.5rem}
.acceptance td.from,.acceptance td.until{white-space:nowrap}
@media (max-width:40rem){.acceptance td.from,.acceptance td.until{white-space:normal}}
.acceptance table{font-size:.95rem}
.acceptance td{overflow-wrap:break-word}
.acceptance tr.accepted .now{color:#1d5e20;font-weight:700}
.acceptance tr.refused .now{color:#b00020;font-weight:700}
.acceptance .reasons{margin:0;padding-left:1.1rem}
.acceptance .fallback{font-size:.8rem;font-weight:700;color:#4a4a4a;border:1px solid #8a8a8a;border-radius:3px;padding:0 .25rem;text-decoration:none}
.acceptance .fallback-note{font-weight:400;font-size:.9rem;color:#4a4a4a}
.note.bad{color:#b00020}
@media (max-width:40rem){.acceptance thead{display:none}.acceptance table,.acceptance tbody,.acceptance tr,.acceptance td{display:block;width:100%}.acceptance tr{border:1px solid #c8c8c8;border-radius:4px;margin:0 0 .5rem;padding:.35rem .6rem}.acceptance td{border:none;padding:.1rem 0}.acceptance td::before{content:attr(data-label) ": ";font-weight:600}.acceptance td.country{font-weight:700;font-size:1.05rem}.acceptance td.country::before{content:none}.acceptance tr.accepted td.why{display:none}}
[hidden]{display:none!important}
@media (max-width:30rem){h1{font-size:1.35rem}.langs{margin-left:0}}
`

/**
 * Print: only the certificate card, black on white, on one page. The print buttons switch between the
 * A4 and A6 sheets by their media attribute (A4 is the default for the browser's own print command).
 * The QR keeps at least 60 mm with its quiet zone (drawn inside the SVG) on both.
 * Page sizes are written in millimetres: Chromium's PDF output ignores the named sizes (A4, A6).
 */
const printBase = `
header.site,footer.site,.banner,.skip,form,.error,.no-print,#result-repeated,main>h1,main>p,noscript,.acceptance{display:none!important}
html,body,main{margin:0;padding:0;max-width:none;min-width:0;background:#fff;color:#000}
.result{margin:0}
.result .card{border:1px solid #000;break-inside:avoid;page-break-inside:avoid;max-width:none;container-type:normal}
.facts,.facts dt,.facts dd .secondary,.card-note{color:#000}
.facts .fact{display:grid;gap:0 3mm;align-items:baseline;break-inside:avoid}
.qr svg{min-width:60mm}
`
export const printA4Css = `@page{size:210mm 297mm;margin:15mm}${printBase}
.result .card{width:150mm;margin:0 auto;padding:8mm;font-size:11pt}
.result .card h2{font-size:15pt;margin:0 0 4mm}
.qr svg{width:95mm;max-width:95mm}
.facts .fact{grid-template-columns:45mm 1fr;padding:1mm 0}
.card-note{font-size:9pt}`
export const printA6Css = `@page{size:105mm 148mm;margin:4mm}${printBase}
.result .card{width:auto;padding:0;font-size:7.5pt;line-height:1.3;border:none}
.result .card h2{font-size:9.5pt;margin:0 0 1mm;text-align:center}
.qr svg{width:62mm;max-width:62mm;margin:0 auto}
.facts{margin:1mm 0 0}
.facts .fact{grid-template-columns:27mm 1fr;padding:.4mm 0;border-top:.2mm solid #999}
.facts dt{font-size:7pt}
.facts dd .secondary,.facts dd.uvci{font-size:7pt}
.card-note{font-size:6.5pt;margin:1mm 0 0}`
