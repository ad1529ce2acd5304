// Audit events from Node command-line tools (e.g. `certbridge keys rotate`): opens the database in
// DATA_DIR, records one event (table and log line), and closes it again.
import { openNodeDb } from './database.ts'
import { createLogger, type Logger } from '../../platform/log.ts'
import { recordAudit, type AuditEvent } from '../../audit/audit.ts'

export async function recordAuditInDataDir(
  dataDir: string,
  event: AuditEvent,
  log: Logger = createLogger((line) => process.stderr.write(line + '\n')),
): Promise<void> {
  const db = openNodeDb(dataDir)
  try {
    await recordAudit({ db, log }, event)
  } finally {
    db.close()
  }
}
