import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cpuBetween, machineBusyMs, parseStat, treeCpu } from './process-cpu.ts'

describe('parseStat', () => {
  it('reads ppid, utime and stime after a process name holding spaces and parentheses', () => {
    const line = '4242 (node (worker) x) S 4200 4242 4200 0 -1 4194560 1513 0 0 0 37 5 0 0 20 0 11 0 1234 0 0'
    expect(parseStat(line)).toEqual({ ppid: 4200, ticks: 42 })
  })
})

describe.runIf(existsSync('/proc/self/stat'))('treeCpu', () => {
  it('holds the process and its children, each with the CPU it spent so far', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' })
    try {
      await new Promise((resolve) => child.once('spawn', resolve))
      const tree = treeCpu(process.pid)!
      expect(tree.get(process.pid)).toBeGreaterThan(0)
      expect(tree.has(child.pid!)).toBe(true)
      expect(cpuBetween(tree, tree)).toEqual({ ms: 0, ended: [] })
      const later = new Map(tree)
      later.delete(child.pid!)
      expect(cpuBetween(tree, later)?.ended).toEqual([child.pid])
    } finally {
      child.kill('SIGKILL')
    }
  })

  it('is undefined for a process that does not exist', () => {
    expect(treeCpu(2 ** 22 + 1)).toBeUndefined()
  })

  it('reads how long the whole machine has been busy, at least this process', () => {
    expect(machineBusyMs()).toBeGreaterThanOrEqual(treeCpu(process.pid)!.get(process.pid)!)
  })
})
