// The root of every typed error in certbridge. Domain errors know nothing of HTTP: each carries a
// stable `code`, and src/http maps codes to statuses in one table. Messages are safe to show to the
// person asking: they never contain personal data, national identifiers, keys or upstream bodies.
//
// The class is abstract so that no code is raised outside a family: each family (src/hcert/errors.ts,
// src/dcc/errors.ts, ...) lists its codes as a const tuple and extends this class with their union,
// so the compiler checks every code thrown; src/http/status.ts joins the lists into `ErrorCode` and
// must give each a status (`satisfies Record<ErrorCode, …>`). The platform knows no family.

export interface CertbridgeErrorOptions extends ErrorOptions {
  /**
   * Seconds after which the same request may succeed: a refusal for a while (a rate limit, a locked
   * holder, an open circuit, a busy or slow national service). HTTP sends it as Retry-After.
   */
  readonly retryAfter?: number
}

export abstract class CertbridgeError<Code extends string = string> extends Error {
  readonly code: Code
  // `declare`: set only when given, so errors without it keep their shape.
  declare readonly retryAfter?: number

  constructor(code: Code, message: string, options?: CertbridgeErrorOptions) {
    super(message, options)
    this.code = code
    this.name = new.target.name
    if (options?.retryAfter !== undefined) this.retryAfter = options.retryAfter
  }
}
