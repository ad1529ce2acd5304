// The participant folder on disk (Node only, CLI side). `<dir>/onboarding/<domain>/` is what goes to
// the participant repository (public certificates only):
//   SCA/SCA.pem  TLS/TLS.pem  TLS/CA.pem  UP/UP.pem
// `<dir>/private/` holds the private keys (PKCS#8 PEM, files 0600, folder 0700) and stays offline
// with the operator: SCA.key, TLS.key, TLS_CA.key, UP.key. Nothing is ever overwritten.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fromPem } from '../../../platform/bytes.ts'
import { importPkcs8SigningKey, OnboardError } from '../../../trust/onboard/certs.ts'
import type { Participant, ParticipantRole } from '../../../trust/onboard/participant.ts'
import type { OnboardingFile } from '../../../trust/onboard/qa.ts'

export const DEFAULT_DOMAIN = 'DCC'

const certificateFiles: Record<ParticipantRole, string[]> = {
  SCA: ['SCA', 'SCA.pem'],
  TLS: ['TLS', 'TLS.pem'],
  TLS_CA: ['TLS', 'CA.pem'],
  UP: ['UP', 'UP.pem'],
}
const keyFiles: Record<ParticipantRole, string> = { SCA: 'SCA.key', TLS: 'TLS.key', TLS_CA: 'TLS_CA.key', UP: 'UP.key' }

export function certificatePath(dir: string, role: ParticipantRole, domain = DEFAULT_DOMAIN): string {
  return join(dir, 'onboarding', domain, ...certificateFiles[role])
}

export function privateKeyPath(dir: string, role: ParticipantRole): string {
  return join(dir, 'private', keyFiles[role])
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  )

/** Writes the folder; refuses when `<dir>/onboarding` or `<dir>/private` exists already. */
export async function writeParticipantFolder(dir: string, participant: Participant, domain = DEFAULT_DOMAIN): Promise<string[]> {
  for (const sub of ['onboarding', 'private']) {
    if (await exists(join(dir, sub)))
      throw new OnboardError('ONBOARD_EXISTS', `${join(dir, sub)} exists already; a participant folder is never overwritten.`)
  }
  await mkdir(join(dir, 'private'), { recursive: true, mode: 0o700 })
  const written: string[] = []
  for (const entry of Object.values(participant)) {
    const keyPath = privateKeyPath(dir, entry.role)
    await writeFile(keyPath, entry.privateKeyPem, { mode: 0o600, flag: 'wx' })
    const certPath = certificatePath(dir, entry.role, domain)
    await mkdir(join(certPath, '..'), { recursive: true, mode: 0o755 })
    await writeFile(certPath, entry.certificatePem, { mode: 0o644, flag: 'wx' })
    written.push(certPath, keyPath)
  }
  return written
}

export interface FolderSigner {
  /** DER of the certificate */
  readonly certificate: Uint8Array
  readonly privateKey: CryptoKey
}

async function readText(path: string, what: string): Promise<string> {
  try {
    const info = await stat(path)
    if (what.endsWith('key') && process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
      throw new OnboardError('ONBOARD_INVALID', `${path} is a private key that others may read: run chmod 600 on it.`)
    }
    return await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code === 'ENOENT')
      throw new OnboardError('ONBOARD_NOT_FOUND', `${path} is missing (${what}); is this a folder written by 'certbridge trust onboard'?`)
    throw error
  }
}

/** The SCA or UP certificate of a participant folder with its private key, to sign with offline. */
export async function readFolderSigner(dir: string, role: 'SCA' | 'UP', domain = DEFAULT_DOMAIN): Promise<FolderSigner> {
  const pem = await readText(certificatePath(dir, role, domain), `the ${role} certificate`)
  let certificate: Uint8Array
  try {
    certificate = fromPem('CERTIFICATE', pem)
  } catch (error) {
    throw new OnboardError('ONBOARD_INVALID', `${certificatePath(dir, role, domain)} is not a PEM certificate.`, { cause: error })
  }
  const privateKey = await importPkcs8SigningKey(await readText(privateKeyPath(dir, role), `the ${role} private key`), role)
  return { certificate, privateKey }
}

/** Every file below `<countryFolder>/onboarding`, as the QA checks read them (dot folders skipped). */
export async function readOnboardingFiles(countryFolder: string): Promise<OnboardingFile[]> {
  const files: OnboardingFile[] = []
  const walk = async (path: string[]): Promise<void> => {
    const entries = await readdir(join(countryFolder, ...path), { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      if (entry.isDirectory()) await walk([...path, entry.name])
      else if (entry.isFile())
        files.push({ path: [...path, entry.name], text: await readFile(join(countryFolder, ...path, entry.name), 'utf8') })
    }
  }
  await walk(['onboarding'])
  return files.sort((a, b) => a.path.join('/').localeCompare(b.path.join('/')))
}
