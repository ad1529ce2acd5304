// Node edge: whether DATA_DIR and the files in it that hold the revocation state and the keys can be
// read by other users of the machine (production refuses to start then; see src/service/production.ts).
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'

const FILES = ['certbridge.sqlite', 'certbridge.sqlite-wal', 'certbridge.sqlite-shm', 'keystore.json']

/** One line per folder or file readable by others (mode o+r), e.g. 'DATA_DIR ./data is readable by others (mode 755)'. */
export function dataDirProblems(dataDir: string): string[] {
  const problems: string[] = []
  const check = (path: string, what: string) => {
    if (!existsSync(path)) return
    const mode = statSync(path).mode & 0o777
    if (mode & 0o004)
      problems.push(`${what} is readable by others (mode ${mode.toString(8)}); chmod ${what === `DATA_DIR ${dataDir}` ? '700' : '600'} it`)
  }
  check(dataDir, `DATA_DIR ${dataDir}`)
  for (const file of FILES) check(join(dataDir, file), join(dataDir, file))
  return problems
}
