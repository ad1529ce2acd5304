import { usage } from '../cli.ts'

// Placeholder until the HTTP service exists: prints the command line's help.
export async function run(): Promise<number> {
  console.log(usage())
  return 0
}
