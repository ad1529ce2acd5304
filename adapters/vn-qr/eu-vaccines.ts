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
  { mp: 'EU/1/21/1529', ma: 'ORG-100001699', vp: '29061000087103' }, // Vaxzevria
  { mp: 'Covishield', ma: 'ORG-100001981', vp: '29061000087103' },
  { mp: 'EU/1/20/1528', ma: 'ORG-100030215', vp: '1119349007' }, // Comirnaty
  { mp: 'EU/1/20/1507', ma: 'ORG-100031184', vp: '1119349007' }, // Spikevax
  { mp: 'EU/1/20/1525', ma: 'ORG-100001417', vp: '29061000087103' }, // Jcovden
  { mp: 'BBIBP-CorV', ma: 'ORG-100020693', vp: '1157024006' },
  { mp: 'Sputnik-V', ma: 'Gamaleya-Research-Institute', vp: '29061000087103' },
  { mp: 'Abdala', ma: 'CIGB', vp: '28531000087107' },
  { mp: 'Hayat-Vax', ma: 'ORG-100023050', vp: '1157024006' },
]

export const euVaccines: ReadonlyMap<string, EuVaccine> = new Map(table.map((v) => [v.mp, v]))
