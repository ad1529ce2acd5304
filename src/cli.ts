// The command line: `certbridge <command> [options]`. Each command lives in its own module under
// src/cli/ and exports `run(argv): Promise<number>` (the exit code). Modules load on demand, so
// `certbridge --help` stays instant and a command's dependencies load only when it runs. The
// development tools are not part of the product: they live in tools/; bin/certbridge.mjs hands
// bench, conformance and harness to tools/cli.ts (the same dispatch), and `npm run load` runs
// tools/load/main.ts.

export interface Command {
  readonly summary: string
  readonly load: () => Promise<{ run(argv: string[]): Promise<number> }>
}

const productCommands: Record<string, Command> = {
  serve: { summary: 'run the HTTP service (sandbox mode without configuration)', load: () => import('./cli/serve.ts') },
  sandbox: { summary: 'start every national sandbox on 127.0.0.1 and print sample links', load: () => import('./cli/sandbox.ts') },
  keys: { summary: 'manage the DSCs the SCA signs offline: keys init | dsc | rotate | list', load: () => import('./cli/keys.ts') },
  verify: { summary: 'verify an HC1 string or a QR image against trust lists and rules', load: () => import('./cli/verify.ts') },
  trust: { summary: 'the WHO trust network: trust inspect | onboard | upload-package', load: () => import('./cli/trust.ts') },
  adapter: { summary: 'scaffold a country adapter: adapter new <id> --country <CC>', load: () => import('./cli/adapter.ts') },
  qa: { summary: "QA of any issuer's certificates in bulk: every check, reports for CI", load: () => import('./cli/qa.ts') },
}

export function usage(commands: Readonly<Record<string, Command>> = productCommands): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length))
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  return [
    'Usage: certbridge <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run 'certbridge <command> --help' for a command's options.",
  ].join('\n')
}

/** Runs `argv[0]` from `commands` with the rest of `argv`; the exit code. */
export async function dispatch(commands: Readonly<Record<string, Command>>, argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage(commands))
    return 0
  }
  const command = commands[name]
  if (!command) {
    console.error(`certbridge: unknown command '${name}'\n\n${usage(commands)}`)
    return 2
  }
  try {
    // Commands sign, verify and read list files on the Node edge's primitives and file reader.
    const { installNodeRuntime } = await import('./runtime/node/install.ts')
    installNodeRuntime()
    const module = await command.load()
    return await module.run(rest)
  } catch (error) {
    console.error(`certbridge ${name}: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  }
}

export function main(argv: string[]): Promise<number> {
  return dispatch(productCommands, argv)
}
