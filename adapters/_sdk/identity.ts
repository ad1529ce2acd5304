// The registered identity every record source returns beside its event data (the adapters' READMEs
// state it in each contract): names in the national script, the foreign passport's Latin spelling
// where the register holds it, and the date of birth. One wire shape, one reader, for every adapter.
import { z } from 'zod'
import type { RegisteredIdentity } from '../../src/dcc/record.ts'

/** ICAO 9303 machine-readable charset as registers write passport names: letters, spaces, hyphens. */
const icaoLatin = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[A-Z]+(?:[ -][A-Z]+)*$/)
const name = z.string().min(1).max(80)

/** `holder` in a record source's answer. */
export const registeredHolder = z.object({
  familyName: name,
  givenName: name,
  patronymic: name.optional(),
  latin: z.object({ familyName: icaoLatin, givenName: icaoLatin }).optional(),
  dateOfBirth: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
})
export type RegisteredHolderWire = z.infer<typeof registeredHolder>

/** The wire holder as the record's identity: NFC, trimmed, inner spaces folded; no field invented. */
export function identityOf(wire: RegisteredHolderWire): RegisteredIdentity {
  const clean = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ')
  return {
    familyName: clean(wire.familyName),
    givenName: clean(wire.givenName),
    ...(wire.patronymic !== undefined && clean(wire.patronymic) !== '' ? { patronymic: clean(wire.patronymic) } : {}),
    ...(wire.latin ? { latin: { familyName: wire.latin.familyName, givenName: wire.latin.givenName } } : {}),
    dateOfBirth: wire.dateOfBirth,
  }
}
