// LOCAL STAND-IN for src/dcc/valuesets.ts `vaccineProduct(mp)`: the EU value-set codes (eu-dcc-valuesets
// 2.12.0) of the products this adapter maps, with the manufacturer (ma) and prophylaxis (vp) the
// encoding instructions give. vp is the instructions' specific SNOMED code when there is one, else the
// generic 28531000087107. eu-vaccines.test.ts proves it agrees with the official files.
export interface EuVaccine {
  readonly mp: string
  readonly ma: string
  readonly vp: string
}

const table: readonly EuVaccine[] = [
  { mp: 'Sputnik-V', ma: 'Gamaleya-Research-Institute', vp: '29061000087103' },
  { mp: 'Sputnik-Light', ma: 'Gamaleya-Research-Institute', vp: '29061000087103' },
  { mp: 'Sputnik-M', ma: 'Gamaleya-Research-Institute', vp: '29061000087103' },
  { mp: 'EpiVacCorona', ma: 'Vector-Institute', vp: '1162643001' },
  { mp: 'EpiVacCorona-N', ma: 'Vector-Institute', vp: '1162643001' },
  { mp: 'CoviVac', ma: 'Chumakov-Federal-Scientific-Center', vp: '1157024006' },
]

export const euVaccines: ReadonlyMap<string, EuVaccine> = new Map(table.map((v) => [v.mp, v]))
