// Micro-benchmark of the QR rendering behind every issuance (src/qr/render.ts): the symbol (encodeQR
// and the dark runs), the SVG and the PNG data URL, each in µs per render, for a freshly signed HC1 of
// a vaccination certificate (about 560 characters). Also: the symbol when a vaccination and a test
// certificate alternate (minimal versions 18 and 19; the `qr` package caches one version's template
// at a time, hence render.ts draws both at version 19), the whole
// rendering as the route serves it (JSON.stringify of the result), and the sizes.
// Run: npx tsx tools/bench/qr-render.ts [path of a render module with the same exports]
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { encodeHc1 } from '../../src/hcert/encode.ts'
import { createEs256Signer } from '../../src/platform/primitives.ts'
import { benchKeys, benchPayload } from './fixtures.ts'

type Render = typeof import('../../src/qr/render.ts')
const modulePath = process.argv[2] ? pathToFileURL(resolve(process.argv[2])).href : '../src/qr/render.ts'
const render = (await import(modulePath)) as Render

const keys = benchKeys()
const signer = createEs256Signer({ privateKeyPem: keys.privateKeyPem, kid: keys.kid })
const times = { iss: 'RU', iat: 1_700_000_000, exp: 1_730_000_000 }
const hc1 = await encodeHc1(benchPayload, { signer, ...times })
// A test certificate: a longer text, which alone would need another QR version.
const testPayload = {
  ver: '1.3.0',
  nam: benchPayload.nam,
  dob: benchPayload.dob,
  t: [
    {
      tg: '840539006',
      tt: 'LP6464-4',
      nm: 'SARS-CoV-2 RT-PCR',
      sc: '2021-07-01T10:27:15Z',
      tr: '260415000',
      tc: 'Moscow City Laboratory Centre No. 12',
      co: 'RU',
      is: 'certbridge test issuer',
      ci: 'URN:UVCI:01:RU:0A4C7F8B3D2E1A6C9F0B4D5F2C8B1D9E#Q',
    },
  ],
}
const other = await encodeHc1(testPayload, { signer, ...times })

/** µs per call of `fn`: the fastest of several short rounds (the machine is shared, so the minimum is
 *  the figure least disturbed by other processes), after a warm-up. */
function microseconds(fn: () => unknown, rounds = 9, roundMs = 150): number {
  const warm = performance.now() + 300
  while (performance.now() < warm) fn()
  let best = Infinity
  for (let r = 0; r < rounds; r++) {
    let count = 0
    const start = performance.now()
    let now = start
    while (now - start < roundMs) {
      for (let i = 0; i < 8; i++) fn()
      count += 8
      now = performance.now()
    }
    best = Math.min(best, ((now - start) * 1000) / count)
  }
  return best
}

const m = render.qrMatrix(hc1)
const mOther = render.qrMatrix(other)
const rendered = render.renderQr(hc1)
const pngBytes = atob(rendered.png.slice(rendered.png.indexOf(',') + 1)).length
const side = (m.size + 8) * 4
console.log(
  `HC1 ${hc1.length} chars → QR version ${m.version} (${m.size} modules); other HC1 ${other.length} chars → version ${mOther.version}`,
)
console.log(`PNG ${side}×${side} px: ${pngBytes} bytes (data URL ${rendered.png.length} chars); SVG ${rendered.svg.length} chars`)

const encode = microseconds(() => render.qrMatrix(hc1))
let flip = false
const alternating = microseconds(() => render.qrMatrix((flip = !flip) ? hc1 : other))
const svg = microseconds(() => render.renderSvg(m, 4))
const png = microseconds(() => render.renderPngDataUrl(m, 4, 4))
const whole = microseconds(() => render.renderQr(hc1))
// As the route serves it: JSON.stringify also flattens a string built by concatenation.
const served = microseconds(() => JSON.stringify({ qr: render.renderQr(hc1) }).length)
const f = (n: number) => n.toFixed(1).padStart(7)
console.log(`encode (same version each time) ${f(encode)} µs`)
console.log(`encode (version alternating)    ${f(alternating)} µs`)
console.log(`svg                             ${f(svg)} µs`)
console.log(`png (scale 4, margin 4)         ${f(png)} µs`)
console.log(`renderQr (all three)            ${f(whole)} µs`)
console.log(`renderQr + JSON.stringify       ${f(served)} µs`)
