// `certbridge conformance <dir> [--json]`: runs the EU dgc-testdata vectors in <dir> through the codec.
import { existsSync } from 'node:fs'
import { formatReport, reportJson } from './report.ts'
import { runConformance } from './runner.ts'

const HELP = `Usage: certbridge conformance <dgc-testdata dir> [--json]

Checks every EXPECTEDRESULTS flag the codec covers at each file's VALIDATIONCLOCK and prints a
per-country table and totals (--json: one JSON object). Exit code 1 when an expectation is missed.`

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP)
    return 0
  }
  const json = argv.includes('--json')
  const dir = argv.find((arg) => !arg.startsWith('--'))
  if (!dir || !existsSync(dir)) {
    console.error(dir ? `conformance: no such directory: ${dir}` : HELP)
    return 2
  }
  const report = await runConformance(dir)
  console.log(json ? JSON.stringify(reportJson(report), null, 2) : formatReport(report))
  return report.failed === 0 ? 0 : 1
}
