// The EU value-set codes the runtime needs (eu-dcc-valuesets 2.12.0), stated in code: vaccine
// medicinal products with their marketing authorisation holder (ma) and prophylaxis (vp) as the
// encoding instructions give them, manufacturers, prophylaxis types, test types and results, the
// disease agent and the country codes. valuesets.test.ts proves every code against the official files.

/** vp codes (SNOMED CT). A product takes the instructions' specific code, else the generic one. */
export const PROPHYLAXIS: Readonly<Record<string, string>> = {
  '1119305005': 'SARS-CoV-2 antigen vaccine',
  '1119349007': 'SARS-CoV-2 mRNA vaccine',
  '1157024006': 'Inactivated whole SARS-CoV-2 antigen vaccine',
  '1162643001': 'SARS-CoV-2 recombinant spike protein antigen vaccine',
  '1187593009': 'SARS-CoV-2 DNA plasmid encoding spike protein vaccine',
  J07BX03: 'covid-19 vaccines (deprecated)',
  '29061000087103': 'COVID-19 non-replicating viral vector vaccine',
  '28531000087107': 'COVID-19 vaccine',
  '30141000087107': 'SARS-CoV-2 virus-like particle antigen vaccine',
}

const MRNA = '1119349007'
const VECTOR = '29061000087103'
const INACTIVATED = '1157024006'
const PROTEIN_SUBUNIT = '1162643001'
const COVID_19_VACCINE = '28531000087107'

/** ma codes: marketing authorisation holders, or manufacturers where there is none. */
export const MANUFACTURERS: Readonly<Record<string, string>> = {
  'ORG-100001699': 'AstraZeneca AB',
  'ORG-100030215': 'Biontech Manufacturing GmbH',
  'ORG-100001417': 'Janssen-Cilag International',
  'ORG-100031184': 'Moderna Biotech Spain S.L.',
  'ORG-100006270': 'Curevac AG',
  'ORG-100013793': 'CanSino Biologics',
  'ORG-100020693': 'China Sinopharm International Corp. - Beijing location',
  'ORG-100010771': 'Sinopharm Weiqida Europe Pharmaceutical s.r.o. - Prague location',
  'ORG-100024420': 'Sinopharm Zhijun (Shenzhen) Pharmaceutical Co. Ltd. - Shenzhen location',
  'ORG-100032020': 'Novavax CZ a.s.',
  'Gamaleya-Research-Institute': 'Gamaleya Research Institute',
  'Vector-Institute': 'Vector Institute',
  'Sinovac-Biotech': 'Sinovac Biotech',
  'Bharat-Biotech': 'Bharat Biotech',
  'ORG-100001981': 'Serum Institute Of India Private Limited',
  Fiocruz: 'Fiocruz',
  'ORG-100007893': 'R-Pharm CJSC',
  'Chumakov-Federal-Scientific-Center': 'Chumakov Federal Scientific Center for Research and Development of Immune-and-Biological Products',
  'ORG-100023050': 'Gulf Pharmaceutical Industries',
  CIGB: 'Center for Genetic Engineering and Biotechnology',
  'Sinopharm-WIBP': 'Sinopharm - Wuhan Institute of Biological Products',
  'ORG-100033914': 'Medigen Vaccine Biologics Corporation',
  'ORG-100000788': 'Sanofi Pasteur',
  'ORG-100036422': 'Valneva France',
  'Instituto-Butantan': 'Instituto Butantan',
  NVSI: 'National Vaccine and Serum Institute, China',
  'Yisheng-Biopharma': 'Yisheng Biopharma',
  'ORG-100026614': 'Sinocelltech Ltd.',
  'ORG-100008549': 'Medicago Inc.',
  'Finlay-Institute': 'Finlay Institute of Vaccines',
  'ORG-100036914': 'Hipra Human Health S.L.',
}

export interface VaccineProduct {
  /** Vaccine medicinal product code (mp). */
  readonly mp: string
  /** Marketing authorisation holder or manufacturer (ma). */
  readonly ma: string
  /** Vaccine or prophylaxis (vp). */
  readonly vp: string
  /** The value set's display name. */
  readonly display: string
  /** Marked "do not use for new certificates" in the value sets (still read when verifying). */
  readonly deprecated: boolean
}

function product(mp: string, ma: string, vp: string, display: string, flags?: { deprecated: true }): VaccineProduct {
  return { mp, ma, vp, display, deprecated: flags?.deprecated ?? false }
}

/** Every product of the vaccine-medicinal-product value set, in the encoding instructions' order. */
export const VACCINE_PRODUCTS: readonly VaccineProduct[] = [
  product('EU/1/20/1528', 'ORG-100030215', MRNA, 'Comirnaty'),
  product('EU/1/20/1507', 'ORG-100031184', MRNA, 'Spikevax'),
  product('EU/1/21/1529', 'ORG-100001699', VECTOR, 'Vaxzevria'),
  product('EU/1/20/1525', 'ORG-100001417', VECTOR, 'Jcovden'),
  product('CVnCoV', 'ORG-100006270', MRNA, 'CVnCoV'),
  product('NVX-CoV2373', 'ORG-100032020', PROTEIN_SUBUNIT, 'NVX-CoV2373', { deprecated: true }),
  product('Sputnik-V', 'Gamaleya-Research-Institute', VECTOR, 'Sputnik-V'),
  product('Convidecia', 'ORG-100013793', VECTOR, 'Convidecia'),
  product('EpiVacCorona', 'Vector-Institute', PROTEIN_SUBUNIT, 'EpiVacCorona'),
  product('BBIBP-CorV', 'ORG-100020693', INACTIVATED, 'BBIBP-CorV'),
  product('Inactivated-SARS-CoV-2-Vero-Cell', 'ORG-100010771', INACTIVATED, 'Inactivated SARS-CoV-2 (Vero Cell)', { deprecated: true }),
  product('CoronaVac', 'Sinovac-Biotech', INACTIVATED, 'CoronaVac'),
  product('Covaxin', 'Bharat-Biotech', INACTIVATED, 'Covaxin'),
  product('Covishield', 'ORG-100001981', VECTOR, 'Covishield'),
  product('Covid-19-recombinant', 'Fiocruz', VECTOR, 'Covid-19 (recombinant)'),
  product('R-COVI', 'ORG-100007893', VECTOR, 'R-COVI'),
  product('CoviVac', 'Chumakov-Federal-Scientific-Center', INACTIVATED, 'CoviVac'),
  product('Sputnik-Light', 'Gamaleya-Research-Institute', VECTOR, 'Sputnik Light'),
  product('Hayat-Vax', 'ORG-100023050', INACTIVATED, 'Hayat-Vax'),
  product('Abdala', 'CIGB', COVID_19_VACCINE, 'Abdala'),
  product('WIBP-CorV', 'Sinopharm-WIBP', INACTIVATED, 'WIBP-CorV'),
  product('MVC-COV1901', 'ORG-100033914', PROTEIN_SUBUNIT, 'MVC COVID-19 vaccine'),
  product('EU/1/21/1618', 'ORG-100032020', PROTEIN_SUBUNIT, 'Nuvaxovid'),
  product('Covovax', 'ORG-100001981', PROTEIN_SUBUNIT, 'Covovax'),
  product('Vidprevtyn', 'ORG-100000788', COVID_19_VACCINE, 'Vidprevtyn', { deprecated: true }),
  product('VLA2001', 'ORG-100036422', COVID_19_VACCINE, 'VLA2001', { deprecated: true }),
  product('Sputnik-M', 'Gamaleya-Research-Institute', VECTOR, 'Sputnik M'),
  product('EpiVacCorona-N', 'Vector-Institute', PROTEIN_SUBUNIT, 'EpiVacCorona-N'),
  product('Covid-19-adsorvida-inativada', 'Instituto-Butantan', INACTIVATED, 'Vacina adsorvida covid-19 (inativada)'),
  product('NVSI-06-08', 'NVSI', COVID_19_VACCINE, 'NVSI-06-08'),
  product('YS-SC2-010', 'Yisheng-Biopharma', COVID_19_VACCINE, 'YS-SC2-010'),
  product('SCTV01C', 'ORG-100026614', COVID_19_VACCINE, 'SCTV01C'),
  product('Covifenz', 'ORG-100008549', COVID_19_VACCINE, 'Covifenz'),
  product('AZD2816', 'ORG-100001699', VECTOR, 'AZD2816'),
  product('Soberana-02', 'Finlay-Institute', COVID_19_VACCINE, 'Soberana 02'),
  product('Soberana-Plus', 'Finlay-Institute', COVID_19_VACCINE, 'Soberana Plus'),
  product('EU/1/21/1624', 'ORG-100036422', COVID_19_VACCINE, 'COVID-19 Vaccine Valneva'),
  product('EU/1/21/1580', 'ORG-100000788', COVID_19_VACCINE, 'VidPrevtyn Beta'),
  product('EU/1/22/1709', 'ORG-100036914', COVID_19_VACCINE, 'Bimervax'),
]

const productsByCode: ReadonlyMap<string, VaccineProduct> = new Map(VACCINE_PRODUCTS.map((p) => [p.mp, p]))

/** The EU product of a vaccine medicinal product code, or undefined when the value set lacks it. */
export function vaccineProduct(mp: string): VaccineProduct | undefined {
  return productsByCode.get(mp)
}

/** Disease or agent targeted (tg). */
export const DISEASE_AGENT = { COVID_19: '840539006' } as const
export const DISEASE_AGENTS: Readonly<Record<string, string>> = { '840539006': 'COVID-19' }

/** Test types (tt). */
export const TEST_TYPE = { NAAT: 'LP6464-4', RAT: 'LP217198-3' } as const
export const TEST_TYPES: Readonly<Record<string, string>> = {
  'LP6464-4': 'Nucleic acid amplification with probe detection',
  'LP217198-3': 'Rapid immunoassay',
}

/** Test results (tr). */
export const TEST_RESULT = { DETECTED: '260373001', NOT_DETECTED: '260415000' } as const
export const TEST_RESULTS: Readonly<Record<string, string>> = {
  '260373001': 'Detected',
  '260415000': 'Not detected',
}

/** Country codes (co): ISO 3166-1 alpha-2 as the value set lists them, with XK (Kosovo). */
export const COUNTRY_CODES: ReadonlySet<string> = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW ' +
    'BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI ' +
    'FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN ' +
    'IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME ' +
    'MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF ' +
    'PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
    'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE ' +
    'YT ZA ZM ZW XK'
  ).split(' '),
)

export function isCountryCode(code: string): boolean {
  return COUNTRY_CODES.has(code)
}
