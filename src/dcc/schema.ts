// EU DCC schema 1.3.x (eu-dcc-schema 1.3.3, DCC.combined-schema.json) stated as code: a small walker
// over per-entry field tables, no schema file loaded and no code generated at run time (Workers forbid
// eval). What the schema constrains, and nothing more:
// - top level: an object; exactly one of v, t, r beside ver, nam and dob (oneOf of required sets);
// - ver '^\d+.\d+.\d+$'; dob '^((19|20)\d\d(-\d\d){0,2}){0,1}$';
// - nam: an object with fnt or gnt; fn, gn ≤ 80; fnt, gnt '^[A-Z<]*$' and ≤ 80;
// - v, t, r: arrays of exactly one entry, each with its required fields and typed properties
//   (dn, sd integers ≥ 1; dates `date`, sc `date-time`; is, ci, nm, tc ≤ 80; co '[A-Z]{1,10}');
//   a `date` may carry a time after its valid date part, as the EU conformance vectors expect;
// - value-set codes are plain strings (the schema names the value sets but does not enumerate them);
// - additional properties are allowed everywhere (the schema does not close any object).
// Older 1.0–1.2 payloads are judged by the same rules, as EU verifiers do. Dates that arrived as
// CBOR-tagged dates (decoded to Date) are accepted where the schema wants a date or date-time.
import { COUNTRY, DATE_OF_BIRTH, STANDARDISED_NAME, VERSION, isDateTime, isLenientDate, withinLength } from './formats.ts'
import type { DccSchemaError, DccValidation } from './types.ts'

type Kind = 'string' | 'text80' | 'date' | 'dateTime' | 'dose' | 'country'

interface EntrySpec {
  readonly required: readonly string[]
  readonly fields: Readonly<Record<string, Kind>>
}

const VACCINATION: EntrySpec = {
  required: ['tg', 'vp', 'mp', 'ma', 'dn', 'sd', 'dt', 'co', 'is', 'ci'],
  fields: {
    tg: 'string',
    vp: 'string',
    mp: 'string',
    ma: 'string',
    dn: 'dose',
    sd: 'dose',
    dt: 'date',
    co: 'country',
    is: 'text80',
    ci: 'text80',
  },
}

const TEST: EntrySpec = {
  required: ['tg', 'tt', 'sc', 'tr', 'co', 'is', 'ci'],
  fields: {
    tg: 'string',
    tt: 'string',
    nm: 'text80',
    ma: 'string',
    sc: 'dateTime',
    tr: 'string',
    tc: 'text80',
    co: 'country',
    is: 'text80',
    ci: 'text80',
  },
}

const RECOVERY: EntrySpec = {
  required: ['tg', 'fr', 'co', 'is', 'df', 'du', 'ci'],
  fields: { tg: 'string', fr: 'date', co: 'country', is: 'text80', df: 'date', du: 'date', ci: 'text80' },
}

const GROUPS = [
  ['v', VACCINATION],
  ['t', TEST],
  ['r', RECOVERY],
] as const

/** Validates a DCC payload against EU DCC schema 1.3.x; `errors` name a path and the broken rule. */
export function validateDcc(payload: unknown): DccValidation {
  const errors: DccSchemaError[] = []
  if (!isObject(payload)) {
    errors.push({ path: '', message: 'must be an object' })
    return { valid: false, errors }
  }
  for (const key of ['ver', 'nam', 'dob'] as const) {
    if (payload[key] === undefined) errors.push({ path: `/${key}`, message: 'is required' })
  }
  let groups = 0
  for (const [key, spec] of GROUPS) {
    const group = payload[key]
    if (group === undefined) continue
    groups++
    checkGroup(group, `/${key}`, spec, errors)
  }
  if (groups !== 1) {
    errors.push({ path: '', message: groups === 0 ? 'must hold one of v, t, r' : 'must hold only one of v, t, r' })
  }
  const ver = payload['ver']
  if (ver !== undefined && !(typeof ver === 'string' && VERSION.test(ver))) {
    errors.push({ path: '/ver', message: 'must be a version x.y.z' })
  }
  const dob = payload['dob']
  if (dob !== undefined && !(typeof dob === 'string' && DATE_OF_BIRTH.test(dob))) {
    errors.push({ path: '/dob', message: 'must be YYYY, YYYY-MM or YYYY-MM-DD within 1900–2099, or empty' })
  }
  const nam = payload['nam']
  if (nam !== undefined) checkName(nam, errors)
  return { valid: errors.length === 0, errors }
}

function checkName(nam: unknown, errors: DccSchemaError[]): void {
  if (!isObject(nam)) {
    errors.push({ path: '/nam', message: 'must be an object' })
    return
  }
  if (nam['fnt'] === undefined && nam['gnt'] === undefined) {
    errors.push({ path: '/nam', message: 'must hold fnt or gnt' })
  }
  for (const key of ['fn', 'gn'] as const) {
    const value = nam[key]
    if (value !== undefined && !(typeof value === 'string' && withinLength(value, 80))) {
      errors.push({ path: `/nam/${key}`, message: 'must be a string of at most 80 characters' })
    }
  }
  for (const key of ['fnt', 'gnt'] as const) {
    const value = nam[key]
    if (value !== undefined && !(typeof value === 'string' && value.length <= 80 && STANDARDISED_NAME.test(value))) {
      errors.push({ path: `/nam/${key}`, message: 'must be at most 80 characters of A-Z and <' })
    }
  }
}

function checkGroup(group: unknown, path: string, spec: EntrySpec, errors: DccSchemaError[]): void {
  if (!Array.isArray(group)) {
    errors.push({ path, message: 'must be an array' })
    return
  }
  if (group.length !== 1) errors.push({ path, message: 'must hold exactly one entry' })
  for (let i = 0; i < group.length; i++) checkEntry(group[i], `${path}/${i}`, spec, errors)
}

function checkEntry(entry: unknown, path: string, spec: EntrySpec, errors: DccSchemaError[]): void {
  if (!isObject(entry)) {
    errors.push({ path, message: 'must be an object' })
    return
  }
  for (const key of spec.required) {
    if (entry[key] === undefined) errors.push({ path: `${path}/${key}`, message: 'is required' })
  }
  for (const key in spec.fields) {
    const value = entry[key]
    if (value === undefined) continue
    const message = checkField(spec.fields[key] as Kind, value)
    if (message) errors.push({ path: `${path}/${key}`, message })
  }
}

function checkField(kind: Kind, value: unknown): string | undefined {
  if (kind === 'dose') {
    return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? undefined : 'must be an integer ≥ 1'
  }
  if (typeof value !== 'string') {
    // A CBOR-tagged date (tag 0 or 1004) decodes to a Date; the HCERT spec asks decoders to accept it.
    if ((kind === 'date' || kind === 'dateTime') && value instanceof Date && !Number.isNaN(value.getTime())) return undefined
    return 'must be a string'
  }
  switch (kind) {
    case 'string':
      return undefined
    case 'text80':
      return withinLength(value, 80) ? undefined : 'must be at most 80 characters'
    case 'date':
      return isLenientDate(value) ? undefined : 'must be a date YYYY-MM-DD'
    case 'dateTime':
      return isDateTime(value) ? undefined : 'must be an RFC 3339 date-time with offset'
    case 'country':
      return COUNTRY.test(value) ? undefined : 'must hold an uppercase country code'
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
