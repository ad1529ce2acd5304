// The fuzz checker itself: it must flag untyped exceptions, unexpected codes, slow cases and hangs,
// or the fuzz targets could never fail.
import { describe, expect, it } from 'vitest'
import { CertbridgeError } from '../../src/platform/errors.ts'
import { FuzzFinding, typedAsync, typedSync } from '../../tools/fuzz/check.ts'

/** A typed error of any code, as a target might throw one the checker must judge. */
class AnyCodeError extends CertbridgeError {}

describe('fuzz checker', () => {
  it('accepts results and typed errors', async () => {
    expect(typedSync(() => 42)).toBe(42)
    expect(
      typedSync(() => {
        throw new AnyCodeError('HCERT_BASE45', 'x')
      }),
    ).toBeUndefined()
    expect(
      await typedAsync(async () => {
        throw new AnyCodeError('QR_NOT_FOUND', 'x')
      }),
    ).toBeUndefined()
  })

  it('flags untyped exceptions and unexpected codes', async () => {
    expect(() =>
      typedSync(() => {
        throw new TypeError('boom')
      }),
    ).toThrow(FuzzFinding)
    expect(() =>
      typedSync(() => {
        throw 'text'
      }),
    ).toThrow(FuzzFinding)
    expect(() =>
      typedSync(() => {
        throw new AnyCodeError('', 'no code')
      }),
    ).toThrow(FuzzFinding)
    expect(() =>
      typedSync(
        () => {
          throw new AnyCodeError('OTHER', 'x')
        },
        { codes: (c) => c.startsWith('HCERT_') },
      ),
    ).toThrow(/unexpected code OTHER/)
    await expect(
      typedAsync(async () => {
        throw new RangeError('deep')
      }),
    ).rejects.toThrow(FuzzFinding)
  })

  it('flags cases over their time budget and hangs', async () => {
    expect(() =>
      typedSync(
        () => {
          const end = performance.now() + 30
          while (performance.now() < end);
        },
        { budgetMs: 10 },
      ),
    ).toThrow(/took/)
    await expect(typedAsync(() => new Promise(() => undefined), { budgetMs: 20 })).rejects.toThrow(/still running/)
  })
})
