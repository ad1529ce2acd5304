// Reads a QR code in the browser with jsQR (offline, no network): from an uploaded picture, or live
// from the camera where getUserMedia exists. The text goes into the target field as if typed.
import jsQR from 'jsqr'
import { byId, maybeId } from './dom.ts'

/** Longest side a picture is scaled to before decoding: large photos are slow and decode no better. */
const SIDES = [1600, 800] as const

function decodeCanvas(source: CanvasImageSource, width: number, height: number, maxSide: number): string | null {
  const scale = Math.min(1, maxSide / Math.max(width, height))
  const w = Math.max(1, Math.round(width * scale))
  const h = Math.max(1, Math.round(height * scale))
  const canvas = document.createElement('canvas')
  canvas.width = w
  canvas.height = h
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (!context) return null
  context.fillStyle = '#fff'
  context.fillRect(0, 0, w, h)
  context.imageSmoothingEnabled = scale < 1
  context.drawImage(source, 0, 0, w, h)
  const image = context.getImageData(0, 0, w, h)
  return jsQR(image.data, w, h, { inversionAttempts: 'attemptBoth' })?.data ?? null
}

export async function decodeFile(file: Blob): Promise<string | null> {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file)
  } catch {
    return null
  }
  try {
    for (const side of SIDES) {
      const text = decodeCanvas(bitmap, bitmap.width, bitmap.height, side)
      if (text) return text
    }
    return null
  } finally {
    bitmap.close()
  }
}

export interface ReaderEvents {
  /** A QR was read; `text` is already in the target field. */
  onText(text: string): void
  /** The picture held no QR, or the camera could not start. */
  onFailure(code: 'QR_NOT_FOUND' | 'CAMERA', file?: File): void
  onBusy?(busy: boolean): void
}

/** Wires the upload field and camera buttons rendered by `qrReader()` on the server. */
export function setupReader(target: HTMLInputElement | HTMLTextAreaElement, events: ReaderEvents): void {
  const fileInput = byId<HTMLInputElement>('qr-file')
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0]
    if (!file) return
    events.onBusy?.(true)
    const text = await decodeFile(file)
    events.onBusy?.(false)
    if (text === null) return events.onFailure('QR_NOT_FOUND', file)
    fill(target, text)
    events.onText(text)
  })
  setupCamera(target, events)
}

function fill(target: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  target.value = text
  target.dispatchEvent(new Event('input', { bubbles: true }))
}

function setupCamera(target: HTMLInputElement | HTMLTextAreaElement, events: ReaderEvents): void {
  const start = maybeId<HTMLButtonElement>('scan-start')
  const box = maybeId('camera')
  const video = maybeId<HTMLVideoElement>('camera-video')
  const stop = maybeId<HTMLButtonElement>('scan-stop')
  if (!start || !box || !video || !stop || !navigator.mediaDevices?.getUserMedia) return
  start.hidden = false
  let stream: MediaStream | null = null
  let frame = 0
  let last = 0

  const end = () => {
    cancelAnimationFrame(frame)
    stream?.getTracks().forEach((track) => track.stop())
    stream = null
    video.srcObject = null
    box.hidden = true
    start.hidden = false
  }
  const tick = (time: number) => {
    if (!stream) return
    if (time - last > 150 && video.readyState >= 2 && video.videoWidth > 0) {
      last = time
      const text = decodeCanvas(video, video.videoWidth, video.videoHeight, 800)
      if (text) {
        end()
        fill(target, text)
        start.focus()
        events.onText(text)
        return
      }
    }
    frame = requestAnimationFrame(tick)
  }
  start.addEventListener('click', async () => {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
    } catch {
      return events.onFailure('CAMERA')
    }
    video.srcObject = stream
    box.hidden = false
    start.hidden = true
    await video.play().catch(() => undefined)
    stop.focus()
    frame = requestAnimationFrame(tick)
  })
  stop.addEventListener('click', () => {
    end()
    start.focus()
  })
}
