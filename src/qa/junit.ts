// The QA report as JUnit XML, which CI systems display: one test suite per certificate, one test case
// per check. A failed error-level check is a <failure>; a failed warning passes with the warning in
// <system-out>, so the CI's verdict agrees with the exit code (non-zero only for errors).
import type { QaReport } from './types.ts'

export function escapeXml(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '?')
}

export function renderJunit(report: QaReport): string {
  const failures = report.files.reduce((n, f) => n + f.checks.filter((c) => !c.passed && c.severity === 'error').length, 0)
  const tests = report.files.reduce((n, f) => n + Math.max(1, f.checks.length), 0)
  const suites = report.files.map((file) => {
    const name = escapeXml(file.path)
    const cases = file.checks.map((c) => {
      const head = `    <testcase classname="${name}" name="${escapeXml(c.code)}">`
      if (c.passed) return `${head}</testcase>`
      if (c.severity === 'error')
        return `${head}<failure type="error" message="${escapeXml(c.message)}">${escapeXml(c.code)}: ${escapeXml(c.message)}</failure></testcase>`
      return `${head}<system-out>warning: ${escapeXml(c.message)}</system-out></testcase>`
    })
    if (cases.length === 0)
      cases.push(
        `    <testcase classname="${name}" name="READ"><failure type="error" message="nothing could be read">nothing could be read</failure></testcase>`,
      )
    const suiteFailures = file.checks.length === 0 ? 1 : file.checks.filter((c) => !c.passed && c.severity === 'error').length
    return `  <testsuite name="${name}" tests="${cases.length}" failures="${suiteFailures}">\n${cases.join('\n')}\n  </testsuite>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="certbridge qa" tests="${tests}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`
}
