// A progress bar on stderr: redrawn in place when stderr is a terminal, otherwise one plain line when
// a phase starts and one when it ends (so logs of CI runs stay readable).
export interface Progress {
  /** Starts a phase of `total` steps. */
  phase(label: string, total: number): void
  /** One step of the current phase done. */
  tick(): void
  /** Ends the current phase with a short summary. */
  done(summary: string): void
}

export interface ProgressStream {
  readonly isTTY?: boolean
  readonly columns?: number
  write(text: string): unknown
}

const WIDTH = 30

export function bar(done: number, total: number, width = WIDTH): string {
  const filled = total === 0 ? width : Math.round((width * Math.min(done, total)) / total)
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`
}

export function createProgress(stream: ProgressStream): Progress {
  let label = ''
  let total = 0
  let done = 0
  let lastDraw = 0
  const draw = (force: boolean) => {
    const now = Date.now()
    if (!force && now - lastDraw < 50) return
    lastDraw = now
    const line = `${bar(done, total)} ${done}/${total} ${label}`
    stream.write(`\r${line.slice(0, (stream.columns ?? 80) - 1)}\u001b[K`)
  }
  return {
    phase(name, steps) {
      label = name
      total = steps
      done = 0
      if (stream.isTTY) draw(true)
      else stream.write(`${name}: ${steps} to do\n`)
    },
    tick() {
      done++
      if (stream.isTTY) draw(done === total)
    },
    done(summary) {
      if (stream.isTTY) stream.write(`\r\u001b[K${label}: ${summary}\n`)
      else stream.write(`${label}: ${summary}\n`)
    },
  }
}

/** A progress that reports nothing (library use and tests). */
export const silentProgress: Progress = { phase() {}, tick() {}, done() {} }
