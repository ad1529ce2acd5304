// "Download PNG": the EU QR drawn in the browser from the page's SVG (never the API's PNG), with the
// holder's name, the certificate type and its validity written under it, on white. The quiet zone
// is part of the SVG; the text is drawn with the page's system font, so every script it shows works.
export interface CardText {
  /** The name as written, and in ICAO Latin letters. */
  readonly name: string
  readonly latin: string
  /** e.g. "Vaccination · dose 2 of 2" */
  readonly type: string
  /** e.g. "Valid until 1 September 2022" */
  readonly validity: string
}

const WIDTH = 900
const PAD = 36

function fitLines(context: CanvasRenderingContext2D, text: string, max: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word
    if (line && context.measureText(next).width > max) {
      lines.push(line)
      line = word
    } else line = next
  }
  if (line) lines.push(line)
  return lines
}

async function svgImage(svg: SVGElement): Promise<HTMLImageElement> {
  const text = new XMLSerializer().serializeToString(svg)
  const image = new Image()
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`
  await image.decode()
  return image
}

/** The card as a PNG data URL. */
export async function drawCardPng(svg: SVGElement, card: CardText): Promise<string> {
  const image = await svgImage(svg)
  const canvas = document.createElement('canvas')
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2d canvas')
  const font = getComputedStyle(document.body).fontFamily || 'sans-serif'
  const rows: { text: string; size: number; weight: number }[] = []
  const measure = (size: number, weight: number) => {
    context.font = `${weight} ${size}px ${font}`
  }
  const add = (text: string, size: number, weight: number) => {
    if (!text) return
    measure(size, weight)
    for (const line of fitLines(context, text, WIDTH - 2 * PAD)) rows.push({ text: line, size, weight })
  }
  add(card.name, 40, 700)
  if (card.latin && card.latin !== card.name) add(card.latin, 30, 400)
  add(card.type, 32, 400)
  add(card.validity, 32, 400)
  const textHeight = rows.reduce((sum, row) => sum + Math.round(row.size * 1.35), 0)
  canvas.width = WIDTH
  canvas.height = WIDTH + textHeight + PAD
  context.fillStyle = '#fff'
  context.fillRect(0, 0, canvas.width, canvas.height)
  context.imageSmoothingEnabled = false
  context.drawImage(image, 0, 0, WIDTH, WIDTH)
  context.fillStyle = '#000'
  context.textAlign = 'center'
  context.textBaseline = 'top'
  let y = WIDTH
  for (const row of rows) {
    measure(row.size, row.weight)
    context.fillText(row.text, WIDTH / 2, y)
    y += Math.round(row.size * 1.35)
  }
  return canvas.toDataURL('image/png')
}
