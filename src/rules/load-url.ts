// A rule set from a business-rules service in the EU DCC gateway distribution format (as served by
// the dgc-businessrule-service): GET <base>/rules lists { identifier, version, country, hash }, each
// rule at <base>/rules/<country>/<hash>; GET <base>/valuesets lists { id, hash }, each value set at
// <base>/valuesets/<hash> ({ valueSetId, valueSetValues }). Entries are content-addressed, so a cache
// keyed by hash keeps what was fetched and a reload fetches only new or changed files. Sizes and
// counts are bounded as for a directory; parsing and checks are those of parseRuleSet. Web APIs only
// (fetch), so Workers can use it as well as Node.
import { RulesError } from './errors.ts'
import { MAX_RULE_FILE_BYTES, MAX_RULES, MAX_VALUESETS, MAX_VALUESETS_FILE_BYTES } from './limits.ts'
import { parseRuleSet, type RuleFile } from './load.ts'
import type { RuleSet } from './types.ts'

export interface RulesUrlOptions {
  readonly fetch?: typeof fetch
  /** Parsed files by hash, kept between loads (pass the same map to each reload). */
  readonly cache?: Map<string, unknown>
  /** Per request, default 15 s. */
  readonly timeoutMs?: number
}

interface ListedRule {
  readonly identifier: string
  readonly country: string
  readonly hash: string
}
interface ListedValueSet {
  readonly id: string
  readonly hash: string
}

const HASH = /^[A-Za-z0-9]{16,128}$/

async function getJson(url: string, maxBytes: number, options: RulesUrlOptions): Promise<unknown> {
  let response: Response
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    })
  } catch (error) {
    throw new RulesError('RULES_UNREADABLE', `${url} cannot be fetched`, { cause: error })
  }
  if (!response.ok) throw new RulesError('RULES_UNREADABLE', `${url} answered ${response.status}`)
  const declared = Number(response.headers.get('content-length') ?? '0')
  if (declared > maxBytes) throw new RulesError('RULES_TOO_LARGE', `${url} is larger than ${maxBytes} bytes`)
  const text = await response.text()
  if (text.length > maxBytes) throw new RulesError('RULES_TOO_LARGE', `${url} is larger than ${maxBytes} bytes`)
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new RulesError('RULES_INVALID', `${url} is not valid JSON`, { cause: error })
  }
}

function listOf<T>(json: unknown, url: string, valid: (entry: Record<string, unknown>) => boolean, max: number): T[] {
  if (!Array.isArray(json) || !json.every((e) => typeof e === 'object' && e !== null && valid(e as Record<string, unknown>))) {
    throw new RulesError('RULES_INVALID', `${url} is not a list in the gateway distribution format`)
  }
  if (json.length > max) throw new RulesError('RULES_TOO_LARGE', `${url} lists more than ${max} entries`)
  return json as T[]
}

async function cached(key: string, url: string, maxBytes: number, options: RulesUrlOptions): Promise<unknown> {
  const hit = options.cache?.get(key)
  if (hit !== undefined) return hit
  const json = await getJson(url, maxBytes, options)
  options.cache?.set(key, json)
  return json
}

export async function loadRuleSetFromUrl(base: string, options: RulesUrlOptions = {}): Promise<RuleSet> {
  const root = base.replace(/\/+$/, '')
  const rulesUrl = `${root}/rules`
  const listed = listOf<ListedRule>(
    await getJson(rulesUrl, MAX_VALUESETS_FILE_BYTES, options),
    rulesUrl,
    (e) =>
      typeof e.identifier === 'string' &&
      typeof e.country === 'string' &&
      /^[A-Z]{2}$/.test(e.country) &&
      typeof e.hash === 'string' &&
      HASH.test(e.hash),
    MAX_RULES,
  )
  const files: RuleFile[] = []
  for (const entry of listed) {
    const url = `${rulesUrl}/${entry.country}/${entry.hash}`
    files.push({
      path: `${entry.country}/${entry.identifier}`,
      json: await cached(`rule:${entry.hash}`, url, MAX_RULE_FILE_BYTES, options),
    })
  }
  const valueSetsUrl = `${root}/valuesets`
  const sets = listOf<ListedValueSet>(
    await getJson(valueSetsUrl, MAX_RULE_FILE_BYTES, options),
    valueSetsUrl,
    (e) => typeof e.id === 'string' && typeof e.hash === 'string' && HASH.test(e.hash),
    MAX_VALUESETS,
  )
  // Full value sets ({ valueSetId, valueSetValues }): parseRuleSet keeps their codes.
  const valueSets: unknown[] = []
  for (const set of sets)
    valueSets.push(await cached(`valueset:${set.hash}`, `${valueSetsUrl}/${set.hash}`, MAX_VALUESETS_FILE_BYTES, options))
  const ruleSet = parseRuleSet(files, valueSets)
  // Keep only what the service lists now.
  const current = new Set([...listed.map((e) => `rule:${e.hash}`), ...sets.map((e) => `valueset:${e.hash}`)])
  for (const key of options.cache?.keys() ?? []) if (!current.has(key)) options.cache?.delete(key)
  return ruleSet
}
