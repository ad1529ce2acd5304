// Node only: what `certbridge qa` was given, as certificates to check. Pictures (PNG, JPEG), text
// files with one or more HC1 strings (one per line), EU test vectors (dgc-testdata JSON: the HC1
// text, its QR picture, its DSC and clock), and folders of them, walked recursively in name order.
// A path in the layout <CC>/<schema version>/<file> (the EU QA repository's) claims that country and
// version; a test vector claims the country of its first folder and its TESTCTX.SCHEMA.
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join, relative, sep } from 'node:path'
import { fromBase64 } from '../../../platform/bytes.ts'
import { importDsc } from '../../../trust/dsc.ts'
import type { KeyResolver } from '../../../hcert/trusted-key.ts'
import type { QaSubject } from '../../../qa/check-certificate.ts'
import { isJpeg, isPng } from '../../../qa/pixels.ts'
import type { Claims } from '../../../qa/types.ts'

const MAX_FILE_BYTES = 8 * 1024 * 1024
const EXTENSIONS = /\.(png|jpe?g|txt|hc1|json)$/i

/** Every file under the given paths that qa reads, with the root it was found under. */
export async function listInputs(paths: readonly string[]): Promise<{ file: string; root: string }[]> {
  const out: { file: string; root: string }[] = []
  for (const path of paths) {
    const info = await stat(path)
    if (info.isDirectory()) for (const file of await walk(path)) out.push({ file, root: path })
    else out.push({ file: path, root: '' })
  }
  return out
}

async function walk(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
  const files: string[] = []
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) files.push(...(await walk(path)))
    else if (EXTENSIONS.test(entry.name)) files.push(path)
  }
  return files
}

/** Country and version claimed by the folders: …/<CC>/<x.y.z>/<file> anywhere in the path, else a <CC> folder given or found first under it. */
export function claimsOf(file: string, root: string): Claims {
  const parts = file.split(/[\\/]/)
  for (let i = parts.length - 3; i >= 0; i--) {
    if (/^[A-Z]{2}$/.test(parts[i]!) && /^\d+\.\d+\.\d+$/.test(parts[i + 1]!)) return { country: parts[i]!, version: parts[i + 1]! }
  }
  if (!root) return {}
  const below = relative(root, file).split(sep)
  const country = [below.length > 1 ? below[0] : undefined, basename(root)].find((part) => part !== undefined && /^[A-Z]{2}$/.test(part))
  return country ? { country } : {}
}

/** The certificates one file holds. */
export async function readSubjects(file: string, root: string): Promise<QaSubject[]> {
  const info = await stat(file)
  if (info.size > MAX_FILE_BYTES) throw new Error(`${file} is larger than ${MAX_FILE_BYTES} bytes`)
  const bytes = new Uint8Array(await readFile(file))
  const claims = claimsOf(file, root)
  if (isPng(bytes) || isJpeg(bytes)) return [{ path: file, image: bytes, claims }]
  const text = new TextDecoder().decode(bytes)
  if (/\.json$/i.test(file)) return [await vectorSubject(file, text, claims)]
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '')
  if (lines.length <= 1) return [{ path: file, text: lines[0] ?? '', claims }]
  return lines.map((line, i) => ({ path: `${file}#${i + 1}`, text: line, claims }))
}

async function vectorSubject(file: string, content: string, claims: Claims): Promise<QaSubject> {
  let raw: Record<string, unknown>
  try {
    raw = JSON.parse(content) as Record<string, unknown>
  } catch {
    return { path: file, text: content, claims }
  }
  const context = (typeof raw.TESTCTX === 'object' && raw.TESTCTX !== null ? raw.TESTCTX : {}) as Record<string, unknown>
  const picture = typeof raw['2DCODE'] === 'string' && raw['2DCODE'] !== '' ? pictureBytes(raw['2DCODE']) : undefined
  const clockText =
    typeof context.VALIDATIONCLOCK === 'string'
      ? context.VALIDATIONCLOCK
      : typeof context.validationClockInstant === 'string'
        ? context.validationClockInstant
        : undefined
  const clock = clockText ? new Date(clockText) : undefined
  const schema = typeof context.SCHEMA === 'string' && /^\d+\.\d+\.\d+$/.test(context.SCHEMA) ? context.SCHEMA : undefined
  const keys = typeof context.CERTIFICATE === 'string' ? await vectorKeys(context.CERTIFICATE) : undefined
  return {
    path: file,
    ...(typeof raw.PREFIX === 'string' ? { text: raw.PREFIX } : {}),
    ...(picture ? { image: picture } : {}),
    claims: { ...claims, ...(schema ? { version: schema } : {}) },
    ...(keys ? { keys } : {}),
    ...(clock && !Number.isNaN(clock.getTime()) ? { at: clock } : {}),
  }
}

async function vectorKeys(certificate: string): Promise<KeyResolver | undefined> {
  try {
    const key = await importDsc(certificate, { source: 'test vector DSC' })
    return (kid) => (kid.length === key.kid.length && kid.every((b, i) => b === key.kid[i]) ? [key] : [])
  } catch {
    return undefined
  }
}

/** The bytes of a vector's base64 picture, or undefined when the text is not base64. */
function pictureBytes(text: string): Uint8Array | undefined {
  try {
    return fromBase64(text)
  } catch {
    return undefined
  }
}
