// Which first positive tests a recovery certificate may rest on. Regulation (EU) 2021/953 art. 7 as
// first adopted: a positive NAAT only. Delegated Regulation (EU) 2022/256 added rapid antigen tests
// from the common EU list (the value set's devices) carried out by health professionals or skilled
// testing personnel on or after 1 October 2021. Antibody tests never qualify.
import { AdapterError } from './errors.ts'

/** The kind of the first positive test, as record sources state it. */
export type FirstPositiveTest = 'NAAT' | 'RAT' | 'ANTIBODY'

/** The first day on which a positive rapid antigen test may found a recovery certificate. */
export const RAT_RECOVERY_FROM = '2021-10-01'

/** Refuses (TYPE_NOT_CONVERTIBLE, naming the reason) a recovery whose first positive test does not qualify. */
export function checkRecoveryTest(test: FirstPositiveTest | undefined, firstPositive: string): void {
  if (test === undefined) {
    throw new AdapterError(
      'RECORD_INCOMPLETE',
      'The register does not state the type of the first positive test, which an EU recovery certificate rests on.',
    )
  }
  if (test === 'ANTIBODY') {
    throw new AdapterError(
      'TYPE_NOT_CONVERTIBLE',
      'An EU recovery certificate rests on a positive NAAT or rapid antigen test; an antibody test does not qualify.',
    )
  }
  if (test === 'RAT' && firstPositive < RAT_RECOVERY_FROM) {
    throw new AdapterError(
      'TYPE_NOT_CONVERTIBLE',
      'An EU recovery certificate rests on a positive rapid antigen test only when it was taken on or after 1 October 2021; this one was earlier.',
    )
  }
}
