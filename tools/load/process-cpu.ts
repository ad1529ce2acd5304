// CPU time of a process and all its descendants (a cluster's primary and its workers, with their
// threads), read from Linux's /proc: utime + stime of each process, which count every thread of it.
// The load rig reads it before and after a run, so a figure is the CPU of the processes measured
// alone, whatever the rest of the machine (sandboxes, load generator) took meanwhile. Elsewhere than
// Linux there is no /proc: the figures are then missing (undefined), not guessed.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

/** CPU milliseconds per process id, for one process tree at one moment. */
export type TreeCpu = ReadonlyMap<number, number>

interface Stat {
  readonly ppid: number
  readonly ticks: number
}

let ticksPerSecond: number | undefined
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      ticksPerSecond = 100 // USER_HZ on every Linux architecture Node runs on
    }
  }
  return ticksPerSecond
}

/** Fields 4 (ppid), 14 (utime) and 15 (stime) of /proc/<pid>/stat; the name (field 2) may hold spaces. */
export function parseStat(text: string): Stat | undefined {
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  const ppid = Number(fields[1])
  const ticks = Number(fields[11]) + Number(fields[12])
  return Number.isFinite(ppid) && Number.isFinite(ticks) ? { ppid, ticks } : undefined
}

function readStat(pid: number): Stat | undefined {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return undefined // gone meanwhile
  }
}

/** `root` and its descendants now, each with its CPU time so far; undefined without /proc. */
export function treeCpu(root: number): TreeCpu | undefined {
  let pids: number[]
  try {
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
  } catch {
    return undefined
  }
  const stats = new Map<number, Stat>()
  for (const pid of pids) {
    const stat = readStat(pid)
    if (stat) stats.set(pid, stat)
  }
  if (!stats.has(root)) return undefined
  const children = new Map<number, number[]>()
  for (const [pid, { ppid }] of stats) children.set(ppid, [...(children.get(ppid) ?? []), pid])
  const tree = new Map<number, number>()
  const toMs = 1000 / clockTicks()
  const queue = [root]
  while (queue.length > 0) {
    const pid = queue.pop()!
    if (tree.has(pid)) continue
    tree.set(pid, stats.get(pid)!.ticks * toMs)
    queue.push(...(children.get(pid) ?? []))
  }
  return tree
}

/**
 * CPU milliseconds the whole machine has been busy (every core: user, nice, system, irq, softirq,
 * steal; not idle or iowait), from /proc/stat; undefined without it. Beside the trees' figures it
 * tells how much of the machine other work took during a run.
 */
export function machineBusyMs(): number | undefined {
  let line: string | undefined
  try {
    line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]
  } catch {
    return undefined
  }
  const [label, user, nice, system, , , irq, softirq, steal] = (line ?? '').trim().split(/\s+/)
  if (label !== 'cpu') return undefined
  const ticks = [user, nice, system, irq, softirq, steal].reduce((sum, field) => sum + (Number(field) || 0), 0)
  return (ticks * 1000) / clockTicks()
}

/** The CPU milliseconds the tree spent between two readings; processes that ended meanwhile are named. */
export function cpuBetween(before: TreeCpu | undefined, after: TreeCpu | undefined): { ms: number; ended: number[] } | undefined {
  if (!before || !after) return undefined
  let ms = 0
  for (const [pid, now] of after) ms += now - (before.get(pid) ?? 0)
  return { ms, ended: [...before.keys()].filter((pid) => !after.has(pid)) }
}
