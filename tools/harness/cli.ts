// `certbridge harness`: the mutual-recognition harness (src/harness). Prints the matrix on stdout,
// progress on stderr, and writes --json / --html files. Exit code 0 when it ran (failing business
// rules are findings), 1 when a verifier rejected a certificate we issued or an issuable sample was
// refused (bugs of the bridge), 2 for usage errors.
import { writeFileSync } from 'node:fs'
import { HarnessError } from './errors.ts'
import { renderHtml } from './html.ts'
import { parseHarnessArgs, type HarnessOptions } from './options.ts'
import { createProgress } from '../../src/cli/progress.ts'
import { exitCode } from './report.ts'
import { runHarness } from './run.ts'
import { formatMatrix, formatSummary } from './table.ts'

const HELP = `Usage: certbridge harness [--rules <dir>] [--at <iso date>] [--vectors <dir>] [--countries CC,CC]
                         [--json <file>] [--html <file>] [--quick]

(1) runs the EU conformance vectors through the verifier (default ../shared/testdata/dgc-testdata),
(2) starts the service in sandbox mode on 127.0.0.1 and issues every issuable sandbox sample over HTTP,
(3) verifies each certificate with the project's verifier and two independent ones (dcc-utils, cose-js),
(4) evaluates each against the business rules of every arrival country (default
    ../shared/testdata/business-rules) in force at --at (default: the certificate's issuance time),
    with the validation clock at the later of --at and the issuance time,
(5) prints the matrix; --json and --html write it to files.

--quick: a few vectors, two samples per adapter, countries EU and DE (unless --countries).
Exit code: 0 ran, 1 a verifier rejected a certificate we issued or an issuable sample was refused
(a bug), 2 usage error (including a rules directory that cannot be read).`

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP)
    return 0
  }
  let options: HarnessOptions
  try {
    options = parseHarnessArgs(argv)
  } catch (error) {
    if (error instanceof HarnessError) {
      console.error(`harness: ${error.message}\n\n${HELP}`)
      return 2
    }
    throw error
  }
  try {
    const report = await runHarness(options, createProgress(process.stderr))
    console.log(formatMatrix(report))
    console.log('')
    console.log(formatSummary(report))
    console.log(`took ${(report.durationMs / 1000).toFixed(1)} s`)
    if (options.jsonFile) writeFileSync(options.jsonFile, `${JSON.stringify(report, null, 2)}\n`)
    if (options.htmlFile) writeFileSync(options.htmlFile, renderHtml(report))
    return exitCode(report)
  } catch (error) {
    if (error instanceof HarnessError) {
      console.error(`harness: ${error.message}`)
      // A rules directory that cannot be read or an unknown country is the caller's mistake.
      return error.code === 'HARNESS_USAGE' || error.code === 'HARNESS_RULES' ? 2 : 1
    }
    throw error
  }
}
