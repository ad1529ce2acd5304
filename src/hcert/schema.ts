// The payload schema check of the verifier, delegating to the project's EU DCC schema validator.
import { validateDcc } from '../dcc/schema.ts'
import { HcertError } from './errors.ts'

export function checkSchema(payload: unknown): void {
  const result = validateDcc(payload)
  if (!result.valid) {
    const paths = result.errors.slice(0, 5).map((error: { path: string }) => error.path).join(', ')
    throw new HcertError('HCERT_SCHEMA', `payload does not match the EU DCC schema (${paths})`)
  }
}
