import { describe, expect, it } from 'vitest'
import { bar, createProgress } from './progress.ts'

function stream(isTTY: boolean) {
  const chunks: string[] = []
  return { chunks, isTTY, columns: 100, write: (text: string) => chunks.push(text) }
}

describe('progress', () => {
  it('draws a bar of proportional width', () => {
    expect(bar(0, 4, 8)).toBe('[........]')
    expect(bar(2, 4, 8)).toBe('[####....]')
    expect(bar(4, 4, 8)).toBe('[########]')
    expect(bar(0, 0, 4)).toBe('[####]')
  })

  it('writes plain lines, one per phase start and end, when stderr is not a terminal', () => {
    const out = stream(false)
    const progress = createProgress(out)
    progress.phase('issuing', 3)
    progress.tick()
    progress.tick()
    progress.tick()
    progress.done('3 issued')
    expect(out.chunks).toEqual(['issuing: 3 to do\n', 'issuing: 3 issued\n'])
  })

  it('redraws one line in place on a terminal and ends it with the summary', () => {
    const out = stream(true)
    const progress = createProgress(out)
    progress.phase('issuing', 2)
    progress.tick()
    progress.tick()
    progress.done('2 issued')
    expect(out.chunks[0]).toMatch(/^\r\[\.+\] 0\/2 issuing/)
    expect(out.chunks.some((c) => c.includes('2/2 issuing'))).toBe(true)
    expect(out.chunks.every((c) => c.startsWith('\r'))).toBe(true)
    expect(out.chunks.at(-1)).toBe('\r\u001b[Kissuing: 2 issued\n')
  })
})
