// Same-origin calls to the bridge's API. Every failure becomes an ApiProblem with a stable code, so
// the page can explain it in plain words (never a raw code alone).
export interface ApiProblem {
  readonly code: string
  readonly status: number
  readonly detail?: string
  readonly retryAfter?: number
}

export type ApiResult<T> = { ok: true; status: number; body: T } | { ok: false; problem: ApiProblem }

export async function callApi<T>(path: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  let response: Response
  try {
    response = await fetch(path, { ...init, credentials: 'same-origin', headers: { accept: 'application/json', ...(init.headers ?? {}) } })
  } catch {
    return { ok: false, problem: { code: 'NETWORK', status: 0 } }
  }
  let body: unknown
  try {
    body = await response.json()
  } catch {
    body = undefined
  }
  if (response.ok && body !== undefined) return { ok: true, status: response.status, body: body as T }
  const p = (body ?? {}) as { code?: unknown; detail?: unknown; retryAfter?: unknown }
  return {
    ok: false,
    problem: {
      code: typeof p.code === 'string' ? p.code : 'OTHER',
      status: response.status,
      ...(typeof p.detail === 'string' ? { detail: p.detail } : {}),
      ...(typeof p.retryAfter === 'number' ? { retryAfter: p.retryAfter } : {}),
    },
  }
}

export function postJson<T>(path: string, body: unknown): Promise<ApiResult<T>> {
  return callApi<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
}
