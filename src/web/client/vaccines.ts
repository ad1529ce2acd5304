// Vaccine names for the card: as the holder knows the product at home (in the page's language) and as
// the EU value set vaccines-covid-19-names calls it. Only the products the bridge's adapters map to.
interface VaccineName {
  /** The EU value set's display name. */
  readonly eu: string
  /** What people call it, per page language; English when the language has no entry. */
  readonly local: Readonly<{ en: string; ru?: string; vi?: string }>
}

const names: Readonly<Record<string, VaccineName>> = {
  'EU/1/20/1528': { eu: 'Comirnaty', local: { en: 'Pfizer-BioNTech', ru: 'Пфайзер (Pfizer-BioNTech)', vi: 'Pfizer' } },
  'EU/1/20/1507': { eu: 'Spikevax', local: { en: 'Moderna', ru: 'Модерна (Moderna)', vi: 'Moderna' } },
  'EU/1/21/1529': { eu: 'Vaxzevria', local: { en: 'AstraZeneca', ru: 'АстраЗенека (AstraZeneca)', vi: 'AstraZeneca' } },
  'EU/1/20/1525': {
    eu: 'Jcovden',
    local: { en: 'Janssen (Johnson & Johnson)', ru: 'Янссен (Johnson & Johnson)', vi: 'Janssen (Johnson & Johnson)' },
  },
  'EU/1/21/1618': { eu: 'Nuvaxovid', local: { en: 'Novavax', ru: 'Новавакс (Novavax)', vi: 'Novavax' } },
  'Sputnik-V': { eu: 'Sputnik-V', local: { en: 'Sputnik V (Gam-COVID-Vac)', ru: 'Спутник V (Гам-КОВИД-Вак)', vi: 'Sputnik V' } },
  'Sputnik-Light': { eu: 'Sputnik-Light', local: { en: 'Sputnik Light', ru: 'Спутник Лайт', vi: 'Sputnik Light' } },
  'Sputnik-M': { eu: 'Sputnik-M', local: { en: 'Sputnik M', ru: 'Спутник М' } },
  EpiVacCorona: { eu: 'EpiVacCorona', local: { en: 'EpiVacCorona', ru: 'ЭпиВакКорона' } },
  'EpiVacCorona-N': { eu: 'EpiVacCorona-N', local: { en: 'EpiVacCorona-N', ru: 'ЭпиВакКорона-Н' } },
  CoviVac: { eu: 'CoviVac', local: { en: 'CoviVac', ru: 'КовиВак' } },
  Covishield: {
    eu: 'Covishield (ChAdOx1_nCoV-19)',
    local: { en: 'Covishield (AstraZeneca, Serum Institute of India)', ru: 'Ковишилд (Covishield)', vi: 'AstraZeneca (Covishield)' },
  },
  'BBIBP-CorV': { eu: 'BBIBP-CorV', local: { en: 'Sinopharm (BBIBP-CorV)', ru: 'Синофарм (Sinopharm)', vi: 'Vero Cell (Sinopharm)' } },
  CoronaVac: { eu: 'CoronaVac', local: { en: 'Sinovac (CoronaVac)', ru: 'Синовак (Sinovac)', vi: 'Sinovac (CoronaVac)' } },
  Covaxin: {
    eu: 'Covaxin (also known as BBV152 A, B, C)',
    local: { en: 'Covaxin (Bharat Biotech)', ru: 'Коваксин (Covaxin)', vi: 'Covaxin' },
  },
  Abdala: { eu: 'Abdala', local: { en: 'Abdala', ru: 'Абдала (Abdala)', vi: 'Abdala' } },
  'Hayat-Vax': { eu: 'Hayat-Vax', local: { en: 'Hayat-Vax', ru: 'Хаят-Вакс (Hayat-Vax)', vi: 'Hayat-Vax' } },
}

/** The local name and the EU name of a product code; both the code itself when it is unknown. */
export function vaccineNames(mp: string, lang: string): { local: string; eu: string } {
  const entry = names[mp]
  if (!entry) return { local: mp, eu: mp }
  const local = lang === 'ru' || lang === 'vi' ? (entry.local[lang] ?? entry.local.en) : entry.local.en
  return { local, eu: entry.eu }
}
