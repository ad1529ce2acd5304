// The one static registry of country adapters and their sandboxes (no filesystem scan, no import by
// name: Workers has no filesystem). Order matters: `matchLink` asks each adapter in turn.
import type { AdapterLink, CountryAdapter } from './_sdk/adapter.ts'
import { AdapterError } from './_sdk/errors.ts'
import type { SandboxFactory } from './_sdk/sandbox.ts'
import { ruGosuslugi } from './ru-gosuslugi/index.ts'
import { createSandbox as ruGosuslugiSandbox } from './ru-gosuslugi/sandbox.ts'
import { ruMos } from './ru-mos/index.ts'
import { createSandbox as ruMosSandbox } from './ru-mos/sandbox.ts'
import { vnQr } from './vn-qr/index.ts'
import { createSandbox as vnQrSandbox } from './vn-qr/sandbox.ts'

export const adapters: readonly CountryAdapter[] = [ruGosuslugi, ruMos, vnQr]

export const sandboxes: Readonly<Record<string, SandboxFactory>> = {
  'ru-gosuslugi': ruGosuslugiSandbox,
  'ru-mos': ruMosSandbox,
  'vn-qr': vnQrSandbox,
}

/** Longest QR text the registry looks at (a QR holds at most 4,296 alphanumeric characters). */
export const MAX_LINK_LENGTH = 4_296

export function findAdapter(id: string): CountryAdapter | undefined {
  return adapters.find((adapter) => adapter.id === id)
}

/**
 * The first adapter whose `match` accepts the (trimmed) text, with its link. LINK_FORGED and
 * LINK_MALFORMED thrown by an adapter pass through; text no adapter claims is LINK_UNSUPPORTED.
 */
export function matchLink(text: string): { adapter: CountryAdapter; link: AdapterLink } {
  const input = text.trim()
  if (input.length > 0 && input.length <= MAX_LINK_LENGTH) {
    for (const adapter of adapters) {
      const link = adapter.match(input)
      if (link !== null) return { adapter, link }
    }
  }
  throw new AdapterError('LINK_UNSUPPORTED', 'This QR code is not a certificate link that the bridge can convert.')
}
