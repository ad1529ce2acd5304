// `certbridge keys init | dsc | rotate | list`: the bridge's DSCs in DATA_DIR/keystore.json. The SCA
// that signs them lives in a participant folder (`certbridge trust onboard`) kept offline; the key
// store holds its certificate only.
//   init    a new key store: with --ca, its first DSC signed by the SCA; without, test keys only
//   dsc     the SCA signs a DSC (offline); the first becomes active, later ones wait as `next`
//   rotate  the next prepared DSC becomes active now (or, with --ca, a new one is signed)
//   list    every DSC: kid, state, validity, usage period, usage (never a private key)
import { recordAuditInDataDir } from '../runtime/node/audit.ts'
import { createLogger } from '../platform/log.ts'
import { parseArgs } from 'node:util'
import { CertbridgeError } from '../platform/errors.ts'
import {
  activeDsc,
  addDsc,
  createKeyStore,
  createKeyStoreWithCa,
  DSC_USAGE_DAYS,
  DSC_USAGE_OIDS,
  rotateKeyStore,
  settleKeyStore,
  type CaSigner,
  type DscOptions,
  type DscType,
  type KeyStore,
} from '../trust/keystore.ts'
import { keyStoreExists, keyStorePath, loadKeyStore, saveKeyStore } from '../runtime/node/trust/keystore-file.ts'
import { report } from './keys-report.ts'
import { DEFAULT_DOMAIN, readFolderSigner } from '../runtime/node/trust/onboard-folder.ts'

export interface KeysIo {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
  readonly now: () => Date
}

const defaultIo: KeysIo = { out: (l) => console.log(l), err: (l) => console.error(l), env: process.env, now: () => new Date() }

const help = `Usage: certbridge keys <init|dsc|rotate|list> [options]

  init      create the key store: with --ca, its first DSC signed by the SCA; without --ca, test keys only
  dsc       have the SCA sign a DSC (offline) and add it: active when none signs, else prepared as next
  rotate    make the next prepared DSC active now (with --ca: sign a new one); the previous stays published
  list      show every DSC: kid, state, validity, usage period, usage

Options:
  --data-dir DIR        where keystore.json lives (default: $DATA_DIR or ./.certbridge)
  --ca DIR              the participant folder of 'certbridge trust onboard' (its SCA signs; keep it offline)
  --domain NAME         the onboarding domain in that folder (default: ${DEFAULT_DOMAIN})
  --days N              DSC validity in days (default and maximum 730, never beyond the SCA)
  --usage-days N        the DSC private key's usage period (default: $CERTBRIDGE_DSC_USAGE_DAYS or ${DSC_USAGE_DAYS})
  --types LIST          certificate types the DSC may sign: test,vaccination,recovery (default: all)
  --pkcs11              make the DSC's key pair in the PKCS#11 token of DATA_DIR/pkcs11.json
                        (PIN in $CERTBRIDGE_PKCS11_PIN): the key store then holds no DSC key either
  --country CC          country of test keys (init without --ca; default: $CERTBRIDGE_COUNTRY)
  --organisation NAME   subject O of the DSCs (default: the SCA's O; test keys: certbridge)
  --test                mark the keys as test keys (default when the country is XX)
  --json                machine-readable output`

function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${name} must be a whole number of days, at least 1`)
  return Number(value)
}

function dscTypes(value: string | undefined): DscType[] | undefined {
  if (value === undefined) return undefined
  const types = value.split(',').map((t) => t.trim())
  for (const type of types)
    if (!(type in DSC_USAGE_OIDS)) throw new UsageError(`unknown certificate type '${type}' (test, vaccination, recovery)`)
  return types as DscType[]
}

class UsageError extends Error {}

export async function run(argv: string[], io: KeysIo = defaultIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        ca: { type: 'string' },
        domain: { type: 'string' },
        days: { type: 'string' },
        'usage-days': { type: 'string' },
        types: { type: 'string' },
        pkcs11: { type: 'boolean' },
        country: { type: 'string' },
        organisation: { type: 'string' },
        test: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    io.err(`certbridge keys: ${error instanceof Error ? error.message : String(error)}\n\n${help}`)
    return 2
  }
  const { values, positionals } = parsed
  const [action, ...extra] = positionals
  if (values.help || action === undefined) {
    ;(values.help ? io.out : io.err)(help)
    return values.help ? 0 : 2
  }
  if (!['init', 'dsc', 'rotate', 'list'].includes(action) || extra.length > 0) {
    io.err(`certbridge keys: unknown action '${[action, ...extra].join(' ')}'\n\n${help}`)
    return 2
  }
  const dataDir = values['data-dir'] ?? (io.env.DATA_DIR || './.certbridge')
  const now = io.now()
  const json = values.json ?? false
  const load = () => loadKeyStore(dataDir, { onNotice: io.err })
  let token: { close(): void } | undefined

  try {
    const dscOptions: DscOptions = {
      now,
      days: positiveInteger(values.days, '--days'),
      usageDays:
        positiveInteger(
          values['usage-days'] ?? io.env.CERTBRIDGE_DSC_USAGE_DAYS,
          values['usage-days'] ? '--usage-days' : 'CERTBRIDGE_DSC_USAGE_DAYS',
        ) ?? DSC_USAGE_DAYS,
      types: dscTypes(values.types),
    }
    if (values.pkcs11 && action !== 'list') {
      // The key pair is made in the token; the SCA certifies its public key below.
      const hsm = await import('../runtime/node/trust/hsm/pkcs11.ts')
      const config = await hsm.readPkcs11Config(dataDir)
      if (!config) throw new UsageError(`--pkcs11 needs ${dataDir}/${hsm.PKCS11_CONFIG_FILE} naming the module and the token`)
      const opened = hsm.openPkcs11Token(config, io.env[hsm.PIN_VARIABLE])
      token = opened
      const { id, publicKey } = await opened.generateDscKey(`certbridge DSC ${now.toISOString()}`)
      Object.assign(dscOptions, { external: { publicKey, pkcs11Id: id } })
    }
    const ca = async (): Promise<CaSigner | undefined> =>
      values.ca ? readFolderSigner(values.ca, 'SCA', values.domain ?? DEFAULT_DOMAIN) : undefined
    const organisation = values.organisation

    if (action === 'init' || (action === 'dsc' && !(await keyStoreExists(dataDir)))) {
      // Checked before generating keys, so the common mistake costs nothing; saveKeyStore re-checks atomically.
      if (await keyStoreExists(dataDir)) {
        io.err(
          `certbridge keys init: a key store exists already at ${keyStorePath(dataDir)}; it is never overwritten (use 'keys dsc' or 'keys rotate').`,
        )
        return 1
      }
      const signer = await ca()
      let store: KeyStore
      if (signer) {
        store = await createKeyStoreWithCa(signer, { ...dscOptions, ...(organisation ? { organisation } : {}), test: values.test ?? false })
      } else {
        const country = (values.country ?? io.env.CERTBRIDGE_COUNTRY ?? '').toUpperCase()
        const test = values.test ?? country === 'XX'
        if (action === 'init' && !country) {
          io.err(
            "certbridge keys init: --ca <participant folder> is required (made by 'certbridge trust onboard'); for test keys, --country is required (or set CERTBRIDGE_COUNTRY): use XX with --test for a sandbox.",
          )
          return 2
        }
        if (action === 'dsc' || !test) {
          io.err(
            `certbridge keys ${action}: --ca <participant folder> is required (made by 'certbridge trust onboard'); only test keys (--test, or country XX) are made without an SCA.`,
          )
          return 2
        }
        store = await createKeyStore({ country, organisation: organisation ?? 'certbridge', now, test })
      }
      const path = await saveKeyStore(dataDir, store)
      await report(
        store,
        now,
        json,
        io,
        `Created ${path} (mode 0600) with the active DSC ${activeDsc(store).kidBase64}; it holds no SCA private key.`,
      )
      return 0
    }
    const store = await load()
    if (action === 'dsc') {
      const signer = await ca()
      if (!signer) {
        io.err(`certbridge keys dsc: --ca <participant folder> is required (made by 'certbridge trust onboard').`)
        return 2
      }
      const added = await addDsc(store, signer, dscOptions)
      await saveKeyStore(dataDir, added, { overwrite: true })
      const dsc = added.dscs.at(-1)!
      const when = dsc.state === 'active' ? 'active now' : `prepared: signs from ${dsc.usageStart?.slice(0, 10)}`
      await report(added, now, json, io, `Added the DSC ${dsc.kid} (${when}), signed by the SCA; published from now on.`)
      return 0
    }
    if (action === 'rotate') {
      const before = activeDsc(settleKeyStore(store, now), now).kidBase64
      const rotated = await rotateKeyStore(store, now, await ca(), dscOptions)
      await saveKeyStore(dataDir, rotated, { overwrite: true })
      // On record in the service's audit log (DATA_DIR's database): what happened, never a key.
      await recordAuditInDataDir(
        dataDir,
        { action: 'keys.rotate', outcome: 'OK' },
        createLogger(() => {}),
      )
      await report(
        rotated,
        now,
        json,
        io,
        `Rotated: ${activeDsc(rotated, now).kidBase64} is now active; ${before} is retired and stays published until its notAfter.`,
      )
      return 0
    }
    await report(store, now, json, io, `Key store ${keyStorePath(dataDir)}`)
    return 0
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`certbridge keys ${action}: ${error.message}`)
      return 2
    }
    if (error instanceof CertbridgeError) {
      io.err(`certbridge keys ${action}: ${error.message} [${error.code}]`)
      return 1
    }
    throw error
  } finally {
    token?.close()
  }
}
