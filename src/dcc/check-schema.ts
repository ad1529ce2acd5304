// The payload schema check of the verifier: the EU DCC schema validator (schema.ts) as a pipeline
// step that fails with the codec's HCERT_SCHEMA, the status a verifier answers for it.
import { HcertError } from '../hcert/errors.ts'
import { validateDcc } from './schema.ts'

export function checkSchema(payload: unknown): void {
  const result = validateDcc(payload)
  if (!result.valid) {
    const paths = result.errors
      .slice(0, 5)
      .map((error: { path: string }) => error.path)
      .join(', ')
    throw new HcertError('HCERT_SCHEMA', `payload does not match the EU DCC schema (${paths})`)
  }
}
