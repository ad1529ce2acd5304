// `certbridge trust onboard --country CC --out DIR`: a GDHCN participant folder made offline. Writes
// DIR/onboarding/<domain>/{SCA/SCA.pem, TLS/TLS.pem, TLS/CA.pem, UP/UP.pem} (public, for the
// participant repository) and DIR/private/*.key (0600, stays offline), then runs the WHO onboarding QA
// checks (src/trust/onboard/qa.ts) on what it wrote.
import { basename, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { CertbridgeError } from '../platform/errors.ts'
import { createParticipant } from '../trust/onboard/participant.ts'
import { DEFAULT_DOMAIN, readOnboardingFiles, writeParticipantFolder } from '../runtime/node/trust/onboard-folder.ts'
import { alpha3, certificateChecks, folderChecks } from '../trust/onboard/qa.ts'

export interface OnboardIo {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
  readonly now: () => Date
}

const defaultIo: OnboardIo = { out: (l) => console.log(l), err: (l) => console.error(l), now: () => new Date() }

const help = `Usage: certbridge trust onboard --country CC --out DIR [options]

Writes a GDHCN participant folder: DIR/onboarding/<domain>/ holds SCA/SCA.pem, TLS/TLS.pem,
TLS/CA.pem and UP/UP.pem for the participant repository; DIR/private/ holds the private keys
(mode 0600) and must stay offline. Run it on an offline machine.

Options:
  --country CC          ISO 3166-1 alpha-2 country (test countries such as XA allowed)
  --out DIR             the folder to write (name it by the alpha-3 code, e.g. DEU, as the repository does)
  --organisation NAME   subject O of the certificates (default: certbridge)
  --domain NAME         the trust domain (default: ${DEFAULT_DOMAIN})`

export async function run(argv: string[], io: OnboardIo = defaultIo): Promise<number> {
  let values
  try {
    values = parseArgs({
      args: argv,
      options: {
        country: { type: 'string' },
        out: { type: 'string' },
        organisation: { type: 'string' },
        domain: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values
  } catch (error) {
    io.err(`certbridge trust onboard: ${error instanceof Error ? error.message : String(error)}\n\n${help}`)
    return 2
  }
  if (values.help) {
    io.out(help)
    return 0
  }
  if (!values.country || !values.out) {
    io.err(`certbridge trust onboard: --country and --out are required\n\n${help}`)
    return 2
  }
  const country = values.country.toUpperCase()
  const code = alpha3(country)
  if (!/^[A-Z]{2}$/.test(country) || !code) {
    io.err(`certbridge trust onboard: '${values.country}' is not an ISO 3166-1 alpha-2 country or a GDHCN test country`)
    return 2
  }
  const domain = values.domain ?? DEFAULT_DOMAIN
  const dir = resolve(values.out)
  try {
    const now = io.now()
    const participant = await createParticipant({ country, organisation: values.organisation ?? 'certbridge', now })
    await writeParticipantFolder(dir, participant, domain)
    const files = await readOnboardingFiles(dir)
    const countryMode = basename(dir) === code
    const findings = [
      ...(await certificateChecks(files, { now, strictValidityMinimum: true, ...(countryMode ? { countryFolder: code } : {}) })),
      ...(await folderChecks(files)),
    ]
    io.out(`Wrote ${dir}/onboarding/${domain}/: SCA/SCA.pem, TLS/TLS.pem, TLS/CA.pem, UP/UP.pem`)
    io.out(`Wrote ${dir}/private/: SCA.key, TLS.key, TLS_CA.key, UP.key (mode 0600; keep offline, never commit)`)
    for (const [role, entry] of Object.entries(participant))
      io.out(`  ${role.padEnd(6)} valid ${entry.notBefore.toISOString().slice(0, 10)} to ${entry.notAfter.toISOString().slice(0, 10)}`)
    const errors = findings.filter((f) => f.severity === 'error')
    for (const finding of findings) io.err(`QA ${finding.severity}: ${finding.check}: ${finding.file}: ${finding.message}`)
    io.out(
      errors.length === 0
        ? `Onboarding QA checks: passed${countryMode ? '' : ` (country check skipped: name the folder ${code} to run it)`}.`
        : `Onboarding QA checks: ${errors.length} failed.`,
    )
    io.out(
      `Next: publish onboarding/ in your participant repository (the WHO lists it as ${code}/onboarding/); then 'certbridge keys dsc --ca ${values.out}'.`,
    )
    return errors.length === 0 ? 0 : 1
  } catch (error) {
    if (error instanceof CertbridgeError) {
      io.err(`certbridge trust onboard: ${error.message} [${error.code}]`)
      return 1
    }
    throw error
  }
}
