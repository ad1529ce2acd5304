// src/dcc/ (floor: payload): the EU DCC payload — its types, schema 1.3.x, value sets, UVCI, ICAO
// 9303 names, recovery and test entries, and the normalized record a national source vouches for.
// It imports the platform and the codec only.
// The EU DCC payload layer: types, schema 1.3.x validation, value sets, UVCI, ICAO 9303
// transliteration, and the payload built from a normalized record.
export type {
  DccName,
  DccPayload,
  DccSchemaError,
  DccValidation,
  RecoveryDcc,
  RecoveryEntry,
  TestDcc,
  TestEntry,
  VaccinationDcc,
  VaccinationEntry,
} from './types.ts'
export { DccError, type DccErrorCode } from './errors.ts'
export { validateDcc } from './schema.ts'
export { checkSchema } from './check-schema.ts'
export {
  COUNTRY_CODES,
  DISEASE_AGENT,
  DISEASE_AGENTS,
  MANUFACTURERS,
  PROPHYLAXIS,
  TEST_RESULT,
  TEST_RESULTS,
  TEST_TYPE,
  TEST_TYPES,
  VACCINE_PRODUCTS,
  isCountryCode,
  vaccineProduct,
  type VaccineProduct,
} from './valuesets.ts'
export { deriveUvci, isValidUvci, parseUvci, uvciCheckCharacter, withUvciCheck, type DeriveUvciInput, type ParsedUvci } from './uvci.ts'
export {
  cyrillicLanguageOf,
  transliterate,
  UntransliterableLetterError,
  type CyrillicLanguage,
  type TransliterationOptions,
} from './icao.ts'
export { endOfDaySeconds, recoveryWindow } from './recovery-window.ts'
export { isRatDevice, RAT_DEVICES } from './test-devices.ts'
export { DCC_VERSION, buildPayload, type BuildPayloadInput } from './payload.ts'
