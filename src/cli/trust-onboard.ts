// Placeholder until the subcommand lands: answers that it is not available yet.
export async function run(_argv: string[]): Promise<number> {
  console.error('certbridge trust: this subcommand is not available yet')
  return 2
}
