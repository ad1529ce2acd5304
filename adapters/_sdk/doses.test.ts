import { describe, expect, it } from 'vitest'
import { euDoseNumbers, primaryCourseDoses } from './doses.ts'

const dose = (product: string, date: string) => ({ product, date })

describe('euDoseNumbers', () => {
  it('numbers a primary course by its length', () => {
    expect(euDoseNumbers([dose('Sputnik-V', '2021-07-01')])).toEqual({ doseNumber: 1, totalDoses: 2 })
    expect(euDoseNumbers([dose('Sputnik-V', '2021-07-01'), dose('Sputnik-V', '2021-07-22')])).toEqual({ doseNumber: 2, totalDoses: 2 })
    expect(euDoseNumbers([dose('EU/1/20/1525', '2021-07-01')])).toEqual({ doseNumber: 1, totalDoses: 1 })
  })

  it('writes a booster as a further dose of the sequence: 3/3 after 2/2, 2/2 after 1/1', () => {
    const revaccinated = [dose('Sputnik-V', '2021-01-10'), dose('Sputnik-V', '2021-01-31'), dose('Sputnik-Light', '2021-09-01')]
    expect(euDoseNumbers(revaccinated)).toEqual({ doseNumber: 3, totalDoses: 3 })
    expect(euDoseNumbers([dose('EU/1/20/1525', '2021-06-01'), dose('EU/1/20/1528', '2021-12-01')])).toEqual({
      doseNumber: 2,
      totalDoses: 2,
    })
    expect(euDoseNumbers([...revaccinated, dose('Sputnik-Light', '2022-03-01')])).toEqual({ doseNumber: 4, totalDoses: 4 })
  })

  it('counts by date whatever order the register lists the doses in, and numbers any dose of the history', () => {
    const listed = [dose('Sputnik-Light', '2021-09-01'), dose('Sputnik-V', '2021-01-31'), dose('Sputnik-V', '2021-01-10')]
    expect(euDoseNumbers(listed, 0)).toEqual({ doseNumber: 3, totalDoses: 3 })
    expect(euDoseNumbers(listed, 1)).toEqual({ doseNumber: 2, totalDoses: 2 })
    expect(euDoseNumbers(listed, 2)).toEqual({ doseNumber: 1, totalDoses: 2 })
  })

  it('knows the single-dose primary courses', () => {
    expect(primaryCourseDoses('Sputnik-Light')).toBe(1)
    expect(primaryCourseDoses('Convidecia')).toBe(1)
    expect(primaryCourseDoses('EU/1/20/1528')).toBe(2)
  })
})
