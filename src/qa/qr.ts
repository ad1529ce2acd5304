// QA of the QR symbol of a picture: that it reads, its version, error-correction level, quiet zone,
// module size in pixels, and whether it still reads at half size (the print-quality questions).
import { check } from './catalogue.ts'
import type { CheckResult, QrSymbolInfo } from './types.ts'

const MAX_VERSION = 25
const MIN_QUIET_ZONE = 4
/** The symbol's corners are found to about a pixel: half a module of tolerance. */
const QUIET_ZONE_TOLERANCE = 0.5
const MIN_MODULE_PX = 2

export function qrChecks(symbol: QrSymbolInfo | undefined): CheckResult[] {
  const checks = [check('QR_DECODES', true, 'a QR code was read')]
  if (!symbol) return checks
  checks.push(check('QR_VERSION', symbol.version <= MAX_VERSION, `version ${symbol.version} (${symbol.modules}×${symbol.modules} modules)`))
  const ecOk = symbol.ecLevel === 'Q' || symbol.ecLevel === 'H'
  checks.push(check('QR_EC_LEVEL', ecOk, `error correction ${symbol.ecLevel || 'unknown'}${ecOk ? '' : ' (Q recommended)'}`))
  const quiet = symbol.quietZone >= MIN_QUIET_ZONE - QUIET_ZONE_TOLERANCE
  checks.push(check('QR_QUIET_ZONE', quiet, `quiet zone ${symbol.quietZone} modules${quiet ? '' : ` (at least ${MIN_QUIET_ZONE})`}`))
  checks.push(
    check(
      'QR_MODULE_SIZE',
      symbol.moduleSize >= MIN_MODULE_PX,
      `module ${symbol.moduleSize} px${symbol.moduleSize >= MIN_MODULE_PX ? '' : ` (at least ${MIN_MODULE_PX})`}`,
    ),
  )
  // Below 2 px a module cannot survive halving: the module-size check already says what is wrong.
  if (symbol.decodesDownscaled !== undefined && symbol.moduleSize >= MIN_MODULE_PX) {
    checks.push(
      check('QR_DOWNSCALE', symbol.decodesDownscaled, symbol.decodesDownscaled ? 'reads at half size' : 'no longer reads at half size'),
    )
  }
  return checks
}

export function qrUnreadable(message: string): CheckResult {
  return check('QR_DECODES', false, message)
}
