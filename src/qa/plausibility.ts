// QA of what the certificate says, by type: tests (a RAT names its device and no free-text name, a
// NAAT no device), vaccinations (dose numbers and booster encoding), recoveries (fr ≤ df < du, the
// usual 11/180-day period, CWT exp not before du), no dates after the signing time, and the
// certificate's validity at the clock.
import { TEST_TYPE } from '../dcc/valuesets.ts'
import type { DecodedHcert } from '../hcert/decode.ts'
import { check } from './catalogue.ts'
import type { CheckResult } from './types.ts'
import { entryOf } from './valuesets.ts'

const DAY = 86_400_000
/** Tolerance for clocks and time zones when comparing dates with iat. */
const SKEW = DAY

/** Start of a date or date-time text (a date alone is its midnight UTC); undefined when unreadable. */
function time(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{4}(-\d{2}){0,2}/.test(value)) return undefined
  const text = /^\d{4}$/.test(value) ? `${value}-01-01` : /^\d{4}-\d{2}$/.test(value) ? `${value}-01` : value
  const parsed = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text)
  return Number.isNaN(parsed) ? undefined : parsed
}

export function plausibilityChecks(decoded: DecodedHcert, at: Date): CheckResult[] {
  const checks: CheckResult[] = []
  const entry = entryOf(decoded.payload)
  const f = entry?.fields ?? {}
  if (entry?.group === 't') {
    const rat = f.tt === TEST_TYPE.RAT
    if (rat) {
      checks.push(
        check(
          'PLAUS_RAT_DEVICE',
          typeof f.ma === 'string' && f.ma !== '',
          typeof f.ma === 'string' && f.ma !== '' ? 'RAT with its device (ma)' : 'a RAT without its device identifier (ma)',
        ),
      )
      checks.push(
        check(
          'PLAUS_RAT_NO_NAME',
          f.nm === undefined,
          f.nm === undefined ? 'no nm beside ma' : 'a RAT with a free-text name (nm): ma alone identifies the device',
        ),
      )
    }
    if (f.tt === TEST_TYPE.NAAT) {
      checks.push(
        check(
          'PLAUS_NAAT_NO_DEVICE',
          f.ma === undefined,
          f.ma === undefined ? 'no ma on a NAAT' : 'a NAAT with a device (ma): the device list is for rapid tests',
        ),
      )
    }
  }
  if (entry?.group === 'v' && typeof f.dn === 'number' && typeof f.sd === 'number') {
    const ok = f.dn <= f.sd || (f.dn === 2 && f.sd === 1)
    checks.push(
      check(
        'PLAUS_DOSES',
        ok,
        ok
          ? `dose ${f.dn}/${f.sd}`
          : `dose ${f.dn}/${f.sd}: dn > sd; boosters are encoded n/n (e.g. 3/3), or 2/1 after a single-dose course`,
      ),
    )
  }
  if (entry?.group === 'r') checks.push(...recoveryChecks(f, decoded.exp))
  checks.push(futureDates(decoded, at))
  const clock = at.getTime() / 1000
  const { iat, exp } = decoded
  if (iat !== undefined && exp !== undefined) {
    const valid = iat - 300 <= clock && clock <= exp
    checks.push(
      check(
        'CERT_NOT_EXPIRED',
        valid,
        valid ? `valid at ${at.toISOString()}` : clock > exp ? `expired at ${at.toISOString()}` : `not yet issued at ${at.toISOString()}`,
      ),
    )
  }
  return checks
}

function recoveryChecks(f: Readonly<Record<string, unknown>>, exp: number | undefined): CheckResult[] {
  const fr = time(f.fr)
  const df = time(f.df)
  const du = time(f.du)
  if (fr === undefined || df === undefined || du === undefined) return []
  const ordered = fr <= df && df < du
  const checks = [check('PLAUS_RECOVERY_ORDER', ordered, ordered ? 'fr ≤ df < du' : fr > df ? 'df is before fr' : 'du is not after df')]
  if (ordered) {
    const days = (a: number, b: number) => Math.round((b - a) / DAY)
    const usual = days(fr, df) >= 11 && days(fr, du) <= 180
    checks.push(
      check(
        'PLAUS_RECOVERY_PERIOD',
        usual,
        usual
          ? `valid from day ${days(fr, df)} to day ${days(fr, du)} after fr`
          : `valid from day ${days(fr, df)} to day ${days(fr, du)} after fr (usual: from day 11, at most 180)`,
      ),
    )
  }
  if (exp !== undefined) {
    // du is a date: valid through its whole day.
    const ok = exp * 1000 >= du
    checks.push(
      check('PLAUS_EXP_DU', ok, ok ? 'exp covers du' : 'the CWT expires before du: verifiers reject it while it claims to be valid'),
    )
  }
  return checks
}

function futureDates(decoded: DecodedHcert, at: Date): CheckResult {
  const reference = decoded.iat !== undefined ? decoded.iat * 1000 : at.getTime()
  const entry = entryOf(decoded.payload)
  const late: string[] = []
  for (const field of ['dt', 'sc', 'fr', 'df']) {
    const value = time(entry?.fields[field])
    if (value !== undefined && value > reference + SKEW) late.push(field)
  }
  const dob =
    typeof decoded.payload === 'object' && decoded.payload !== null ? time((decoded.payload as Record<string, unknown>).dob) : undefined
  if (dob !== undefined && dob > reference + SKEW) late.push('dob')
  const what = decoded.iat !== undefined ? 'the time of signing (iat)' : 'the validation clock'
  return check('PLAUS_FUTURE_DATES', late.length === 0, late.length === 0 ? `no date after ${what}` : `after ${what}: ${late.join(', ')}`)
}
