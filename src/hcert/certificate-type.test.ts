import { describe, expect, it } from 'vitest'
import { certificateType } from './certificate-type.ts'

describe('certificateType', () => {
  it('names the type of the single v/t/r group', () => {
    expect(certificateType({ v: [{}] })).toBe('vaccination')
    expect(certificateType({ t: [{}] })).toBe('test')
    expect(certificateType({ r: [{}] })).toBe('recovery')
  })

  it('names nothing for no group, two groups, or a group that is not a non-empty array', () => {
    expect(certificateType({})).toBeUndefined()
    expect(certificateType(null)).toBeUndefined()
    expect(certificateType('v')).toBeUndefined()
    expect(certificateType({ v: [{}], t: [{}] })).toBeUndefined()
    expect(certificateType({ v: {} })).toBeUndefined()
    // An empty group is malformed, not absent: the payload has no single type (key usage, rules and
    // the verification result agree on that).
    expect(certificateType({ r: [{}], v: [] })).toBeUndefined()
  })
})
