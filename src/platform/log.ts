// Structured logs, one JSON object per line. Callers pass codes, ids and counts; the logger drops
// any field whose name suggests personal data, and errors are reduced to their name and code.
// Request lines (src/http/request-log.ts) and audit lines (src/audit/audit.ts) go through it too.
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

const forbidden = /name|birth|dob|passport|document|unrz|uuid|qid|ck|holder|token|key|secret|fio|qr|hc1|address/i

function clean(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(fields)) {
    if (forbidden.test(k) && k !== 'kid') continue
    if (v instanceof Error) {
      out[k] = {
        name: v.name,
        code: (v as { code?: unknown }).code,
        message: (v as { code?: unknown }).code ? v.message : undefined,
        stack: (v as { code?: unknown }).code ? undefined : v.stack,
      }
    } else out[k] = v
  }
  return out
}

export function createLogger(write: (line: string) => void = (line) => console.log(line), now: () => Date = () => new Date()): Logger {
  const emit = (level: string, message: string, fields: Record<string, unknown> = {}) =>
    write(JSON.stringify({ time: now().toISOString(), level, message, ...clean(fields) }))
  return {
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  }
}
