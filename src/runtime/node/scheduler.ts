// Node edge: the service's periodic work on timers that do not hold the process: the purge of expired
// rows every 10 minutes (src/service/maintenance.ts) and the trust-list refresh (src/trust/refresh.ts).
import type { Scheduler } from '../../service/edge.ts'
import { startPurgeTimer } from '../../service/maintenance.ts'

export const nodeScheduler: Scheduler = {
  start(work) {
    const stops = [startPurgeTimer(work.purge), ...(work.trustLists ? [work.trustLists.lists.schedule(work.trustLists.everyMs)] : [])]
    return () => {
      for (const stop of stops) stop()
    }
  },
}
