// Nothing lost: every UVCI the service answered with 201 has its issuance row, read from the service's
// SQLite database (under its keyed hash, as the service stores it) once the service has stopped.
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { revocationHash } from '../../src/revocation/hashes.ts'

export async function checkStored(dataDir: string, uvcis: ReadonlySet<string>): Promise<{ lost: number; rows: number }> {
  const db = new Database(join(dataDir, 'certbridge.sqlite'), { readonly: true })
  try {
    const hasRow = db.prepare('select 1 from issuances where uci_hash = ?')
    let lost = 0
    for (const uvci of uvcis) if (!hasRow.get(await revocationHash('UCI', { uvci }))) lost++
    const { n } = db.prepare('select count(*) as n from issuances').get() as { n: number }
    return { lost, rows: n }
  } finally {
    db.close()
  }
}
