// The root of every typed error in certbridge. Domain errors know nothing of HTTP: each carries a
// stable `code`, and src/http maps codes to statuses in one table. Messages are safe to show to the
// person asking: they never contain personal data, national identifiers, keys or upstream bodies.
export class CertbridgeError<Code extends string = string> extends Error {
  readonly code: Code

  constructor(code: Code, message: string, options?: ErrorOptions) {
    super(message, options)
    this.code = code
    this.name = new.target.name
  }
}

/** Wraps anything thrown into a CertbridgeError with the given code, keeping typed errors as they are. */
export function asCertbridgeError<Code extends string>(
  error: unknown,
  code: Code,
  message: string,
): CertbridgeError {
  return error instanceof CertbridgeError ? error : new CertbridgeError(code, message, { cause: error })
}
