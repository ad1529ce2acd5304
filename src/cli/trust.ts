// `certbridge trust <subcommand>`: the bridge's place in the WHO trust network (GDHCN).
//   inspect         what a trust list holds, its proof and its chains (trust-inspect.ts)
//   onboard         a participant repository: SCA, TLS and UP certificates (trust-onboard.ts)
//   upload-package  the CMS package the gateway takes for a DSC or a revocation batch (trust-upload-package.ts)
// Each subcommand lives in its own module and loads on demand, as the top-level commands do.

interface Subcommand {
  readonly summary: string
  readonly load: () => Promise<{ run(argv: string[]): Promise<number> }>
}

const subcommands: Record<string, Subcommand> = {
  inspect: {
    summary: 'print what a trust list holds, whether its proof verifies, and its chains',
    load: () => import('./trust-inspect.ts'),
  },
  onboard: {
    summary: 'write a GDHCN participant repository (SCA, TLS, UP) with the private keys apart',
    load: () => import('./trust-onboard.ts'),
  },
  'upload-package': {
    summary: 'write the CMS package the gateway takes for a DSC or a revocation batch',
    load: () => import('./trust-upload-package.ts'),
  },
}

function usage(): string {
  const width = Math.max(...Object.keys(subcommands).map((name) => name.length))
  const lines = Object.entries(subcommands).map(([name, s]) => `  ${name.padEnd(width)}  ${s.summary}`)
  return [
    'Usage: certbridge trust <subcommand> [options]',
    '',
    ...lines,
    '',
    "Run 'certbridge trust <subcommand> --help' for its options.",
  ].join('\n')
}

export async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h') {
    console.log(usage())
    return name === undefined ? 2 : 0
  }
  const subcommand = subcommands[name]
  if (!subcommand) {
    console.error(`certbridge trust: unknown subcommand '${name}'\n\n${usage()}`)
    return 2
  }
  const module = await subcommand.load()
  return module.run(rest)
}
