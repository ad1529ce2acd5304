// The card as a one-page PDF (A6, the size of the printed card), drawn with pdf-lib from the HC1
// itself: the QR as vector modules with its 4-module quiet zone (62 mm wide in all), the facts in the
// page's language, and the sandbox note. DejaVu Sans is embedded (subset to the glyphs used, with a
// ToUnicode map, so the text can be searched and copied) for Latin, Vietnamese and Cyrillic.
// Web APIs only, but Node only in practice: pdf-lib, fontkit and the font would double the Worker
// bundle, so the Node edge hands this renderer to the app (AppDeps.cardPdf) and Workers go without.
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import { decodeHc1 } from '../hcert/decode.ts'
import { fromBase64 } from '../platform/bytes.ts'
import { qrMatrix, QR_MARGIN } from '../qr/render.ts'
import { cardFontBold, cardFontRegular } from './card-font.gen.ts'
import { dccFacts, findDcc } from './client/facts.ts'
import type { CardPdfInput } from './card-pdf-types.ts'

const MM = 72 / 25.4
const PAGE = { width: 105 * MM, height: 148 * MM }
const MARGIN = 5 * MM
const QR_SIDE = 62 * MM
const LABEL_WIDTH = 27 * MM
const grey = rgb(0.29, 0.29, 0.29)

/** Words of `text` laid on lines no wider than `width`; the UVCI may also break after `:` `/` `#`. */
function wrap(text: string, font: PDFFont, size: number, width: number, uvci = false): string[] {
  const words = uvci ? text.split(/(?<=[:/#])/) : text.split(/\s+/).filter(Boolean)
  const joiner = uvci ? '' : ' '
  const lines: string[] = []
  let line = ''
  for (const word of words) {
    const next = line ? `${line}${joiner}${word}` : word
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line)
      line = word
    } else line = next
  }
  if (line) lines.push(line)
  return lines
}

function drawQr(page: PDFPage, hc1: string, x: number, top: number): void {
  const m = qrMatrix(hc1)
  const module = QR_SIDE / (m.size + 2 * QR_MARGIN)
  const black = rgb(0, 0, 0)
  for (let i = 0; i < m.runs.length; i += 3) {
    const y = m.runs[i]!
    const start = m.runs[i + 1]!
    const end = m.runs[i + 2]!
    page.drawRectangle({
      x: x + (QR_MARGIN + start) * module,
      y: top - (QR_MARGIN + y + 1) * module,
      width: (end - start) * module,
      height: module,
      color: black,
    })
  }
}

export async function cardPdf(input: CardPdfInput): Promise<Uint8Array> {
  const decoded = decodeHc1(input.hc1)
  const dcc = findDcc(decoded.payload)
  const exp = decoded.exp === undefined ? undefined : new Date(decoded.exp * 1000).toISOString()
  const facts = dccFacts(input.strings, input.lang, dcc, exp ? { validUntil: exp } : {})

  const doc = await PDFDocument.create()
  doc.registerFontkit(fontkit)
  const regular = await doc.embedFont(fromBase64(cardFontRegular), { subset: true })
  const bold = await doc.embedFont(fromBase64(cardFontBold), { subset: true })
  const title = input.strings.issue.resultTitle
  doc.setTitle(title)
  doc.setLanguage(input.lang)
  doc.setCreator('certbridge')
  doc.setProducer('certbridge (pdf-lib)')
  const page = doc.addPage([PAGE.width, PAGE.height])
  const width = PAGE.width - 2 * MARGIN
  let y = PAGE.height - MARGIN

  const text = (value: string, font: PDFFont, size: number, x: number, color = rgb(0, 0, 0)) => {
    page.drawText(value.normalize('NFC'), { x, y: y - size, size, font, color })
  }
  for (const line of wrap(title, bold, 9.5, width)) {
    text(line, bold, 9.5, MARGIN + (width - bold.widthOfTextAtSize(line, 9.5)) / 2)
    y -= 12
  }
  drawQr(page, input.hc1, (PAGE.width - QR_SIDE) / 2, y)
  y -= QR_SIDE + 2

  const valueWidth = width - LABEL_WIDTH - 3 * MM
  for (const fact of facts) {
    page.drawLine({ start: { x: MARGIN, y: y - 1 }, end: { x: PAGE.width - MARGIN, y: y - 1 }, thickness: 0.4, color: rgb(0.6, 0.6, 0.6) })
    y -= 2.5
    const labels = wrap(fact.label, bold, 7, LABEL_WIDTH)
    const values = fact.lines.flatMap((line, i) =>
      wrap(line.normalize('NFC'), regular, i === 0 ? 7.5 : 7, valueWidth, fact.kind === 'uvci').map((l) => ({ l, secondary: i > 0 })),
    )
    const top = y
    labels.forEach((label, i) => {
      y = top - i * 9
      text(label, bold, 7, MARGIN, grey)
    })
    values.forEach(({ l, secondary }, i) => {
      y = top - i * 9.5
      text(l, regular, secondary ? 7 : 7.5, MARGIN + LABEL_WIDTH + 3 * MM, secondary ? grey : rgb(0, 0, 0))
    })
    y = top - Math.max(labels.length * 9, values.length * 9.5) - 1
  }
  if (input.sandbox) {
    y -= 3
    for (const line of wrap(input.strings.sandbox, regular, 6.5, width)) {
      text(line, regular, 6.5, MARGIN)
      y -= 8
    }
  }
  return doc.save({ useObjectStreams: false })
}
