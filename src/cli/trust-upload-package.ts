// `certbridge trust upload-package --onboarding DIR --out FILE`: what the gateway's upload endpoints
// take, CMS-signed by the participant's UP certificate (private key from DIR/private/UP.key):
//   default         one package per DSC of the key store (or the one named by --kid): the content is
//                   the DSC's DER (the gateway's signer-certificate upload)
//   --revocations   one package per gateway revocation batch of the bridge's revocations: the content
//                   is the batch JSON (UTF-8)
// FILE holds one base64 DER CMS per line, in the order listed on stdout.
import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { CertbridgeError } from '../platform/errors.ts'
import { openNodeDb } from '../runtime/node/database.ts'
import { revokedEntries } from '../db/issuances.ts'
import { fromBase64, toBase64 } from '../platform/bytes.ts'
import { publishedDscs } from '../trust/keystore.ts'
import { loadKeyStore } from '../runtime/node/trust/keystore-file.ts'
import { signCms } from '../trust/onboard/cms.ts'
import { DEFAULT_DOMAIN, readFolderSigner } from '../runtime/node/trust/onboard-folder.ts'
import { revocationBatches } from '../revocation/batch.ts'
import { revocationHashTypes, type RevocationHashType } from '../revocation/hashes.ts'

export interface UploadIo {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
  readonly now: () => Date
}

const defaultIo: UploadIo = { out: (l) => console.log(l), err: (l) => console.error(l), env: process.env, now: () => new Date() }

const help = `Usage: certbridge trust upload-package --onboarding DIR --out FILE [options]

Writes CMS SignedData packages (DER, base64, one per line) signed by the UP certificate of the
participant folder DIR, for the gateway's uploads.

Options:
  --onboarding DIR      the participant folder of 'certbridge trust onboard' (UP.pem and private/UP.key)
  --out FILE            where to write the packages
  --data-dir DIR        the service's data directory (default: $DATA_DIR or ./.certbridge)
  --kid KID             only the DSC with this kid (default: every DSC the key store publishes)
  --revocations         package the bridge's revocations as gateway revocation batches instead
  --hash-type TYPE      hash type of the batches: SIGNATURE (default), UCI or COUNTRYCODEUCI
  --domain NAME         the onboarding domain (default: ${DEFAULT_DOMAIN})`

export async function run(argv: string[], io: UploadIo = defaultIo): Promise<number> {
  let values
  try {
    values = parseArgs({
      args: argv,
      options: {
        onboarding: { type: 'string' },
        out: { type: 'string' },
        'data-dir': { type: 'string' },
        kid: { type: 'string' },
        revocations: { type: 'boolean' },
        'hash-type': { type: 'string' },
        domain: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values
  } catch (error) {
    io.err(`certbridge trust upload-package: ${error instanceof Error ? error.message : String(error)}\n\n${help}`)
    return 2
  }
  if (values.help) {
    io.out(help)
    return 0
  }
  if (!values.onboarding || !values.out) {
    io.err(`certbridge trust upload-package: --onboarding and --out are required\n\n${help}`)
    return 2
  }
  const hashType = (values['hash-type'] ?? 'SIGNATURE').toUpperCase() as RevocationHashType
  if (!revocationHashTypes.includes(hashType)) {
    io.err(`certbridge trust upload-package: --hash-type must be one of ${revocationHashTypes.join(', ')}`)
    return 2
  }
  const dataDir = values['data-dir'] ?? (io.env.DATA_DIR || './.certbridge')
  const now = io.now()
  try {
    const signer = await readFolderSigner(values.onboarding, 'UP', values.domain ?? DEFAULT_DOMAIN)
    const store = await loadKeyStore(dataDir, { onNotice: io.err })
    const packages: { label: string; content: Uint8Array }[] = []
    if (values.revocations) {
      const db = openNodeDb(dataDir)
      try {
        const batches = revocationBatches(await revokedEntries(db, Math.floor(now.getTime() / 1000)), { country: store.country, hashType })
        for (const batch of batches)
          packages.push({
            label: `revocation batch kid ${batch.kid}, ${batch.entries.length} ${hashType} entries, expires ${batch.expires}`,
            content: new TextEncoder().encode(JSON.stringify(batch)),
          })
      } finally {
        db.close()
      }
    } else {
      const dscs = publishedDscs(store, now).filter((dsc) => values.kid === undefined || dsc.kid === values.kid)
      if (dscs.length === 0) {
        io.err(
          `certbridge trust upload-package: ${values.kid ? `no published DSC with kid ${values.kid}` : 'the key store publishes no DSC'}`,
        )
        return 1
      }
      for (const dsc of dscs)
        packages.push({
          label: `DSC kid ${dsc.kid} (${dsc.state}), valid to ${dsc.notAfter.slice(0, 10)}`,
          content: fromBase64(dsc.certificate),
        })
    }
    const lines: string[] = []
    for (const entry of packages) lines.push(toBase64(await signCms(entry.content, signer, now)))
    await writeFile(values.out, lines.map((line) => `${line}\n`).join(''), { mode: 0o644 })
    io.out(`Wrote ${packages.length} CMS package${packages.length === 1 ? '' : 's'} signed by the UP certificate to ${values.out}:`)
    for (const [i, entry] of packages.entries()) io.out(`  line ${i + 1}: ${entry.label}`)
    return 0
  } catch (error) {
    if (error instanceof CertbridgeError) {
      io.err(`certbridge trust upload-package: ${error.message} [${error.code}]`)
      return 1
    }
    throw error
  }
}
