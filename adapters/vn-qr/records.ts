// Sandbox fixture records for vn-qr: invented people, dated relative to `today` so that the sandbox
// stays usable whatever the clock says. Each entry is one personal QR and what the record source holds
// for its QID (absent: it answers 404).
import type { HolderClaim } from '../_sdk/index.ts'
import { foldVietnamese } from './names.ts'
import type { VnRecord } from './wire.ts'

export interface VnFixture {
  readonly name: string
  readonly qr: string
  readonly qid: string
  /** The person the QR designates, as they would claim themself. */
  readonly person: HolderClaim
  readonly record?: VnRecord
}

export function shiftDay(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

interface Person {
  readonly familyName: string
  readonly givenName: string
  readonly dateOfBirth: string
  /** SoGiayTo as the QR shows it. */
  readonly document: string
}

export const people = {
  nguyenVanA: { familyName: 'Nguyễn', givenName: 'Văn A', dateOfBirth: '1987-01-18', document: '001093029317' },
  tranThiNgocHan: { familyName: 'Trần', givenName: 'Thị Ngọc Hân', dateOfBirth: '1992-06-05', document: '0251****9' },
  dangQuocBao: { familyName: 'Đặng', givenName: 'Quốc Bảo', dateOfBirth: '1978-11-23', document: 'C1234567' },
  leThiThuTrang: { familyName: 'Lê', givenName: 'Thị Thu Trang', dateOfBirth: '1965-04-02', document: '079165******' },
  phamMinhDuc: { familyName: 'Phạm', givenName: 'Minh Đức', dateOfBirth: '1959-08-30', document: '031059000123' },
  hoangVanDung: { familyName: 'Hoàng', givenName: 'Văn Dũng', dateOfBirth: '1983-02-14', document: '040083000456' },
  voThiMai: { familyName: 'Võ', givenName: 'Thị Mai', dateOfBirth: '1990-12-01', document: '052190000789' },
  buiAnhTuan: { familyName: 'Bùi', givenName: 'Anh Tuấn', dateOfBirth: '1975-07-07', document: '034075001122' },
  ngoThiHong: { familyName: 'Ngô', givenName: 'Thị Hồng', dateOfBirth: '1968-03-19', document: '036168003344' },
  huynhThanhTung: { familyName: 'Huỳnh', givenName: 'Thanh Tùng', dateOfBirth: '1994-10-10', document: '083094005566' },
  doThiLan: { familyName: 'Đỗ', givenName: 'Thị Lan', dateOfBirth: '1999-05-25', document: '001199007788' },
  phanVanHai: { familyName: 'Phan', givenName: 'Văn Hải', dateOfBirth: '1980-01-31', document: '045080009900' },
  vuDinhKhoa: { familyName: 'Vũ', givenName: 'Đình Khoa', dateOfBirth: '1986-09-09', document: '038086001357' },
  nguyenNgocBaoAnh: { familyName: 'Nguyễn', givenName: 'Ngọc Bảo Anh', dateOfBirth: '2015-09-12', document: '001093029317' },
  tranVanBinh: { familyName: 'Trần', givenName: 'Văn Bình', dateOfBirth: '1991-01-01', document: '024091002468' },
  lyThiKim: { familyName: 'Lý', givenName: 'Thị Kim', dateOfBirth: '1972-12-12', document: '066072008642' },
} satisfies Record<string, Person>

/** What the person claims: names and birth date, and their document number (the QR shows it masked). */
export function claimOf(p: Person): HolderClaim {
  return { familyName: p.familyName, givenName: p.givenName, dateOfBirth: p.dateOfBirth, documentNumber: p.document.replace(/\*/g, '0') }
}

function qrText(p: Person, qid: string, options: { onBehalf?: boolean; name?: string; dateOfBirth?: string } = {}): string {
  const name = options.name ?? foldVietnamese(`${p.familyName} ${p.givenName}`)
  return `${p.document}|${name}|${options.dateOfBirth ?? p.dateOfBirth}|${options.onBehalf ? 1 : 0}|${qid}|<1<00<0912000001`
}

function holder(p: Person): VnRecord['holder'] {
  return { familyName: p.familyName, givenName: p.givenName, dateOfBirth: p.dateOfBirth }
}

export function vnFixtures(today: string): readonly VnFixture[] {
  const d = (days: number) => shiftDay(today, days)
  const vaccinated = (
    name: string,
    p: Person,
    qid: string,
    vaccine: string,
    dose: number,
    doses: number,
    daysAgo: number,
    qr?: string,
  ): VnFixture => ({
    name,
    qid,
    person: claimOf(p),
    qr: qr ?? qrText(p, qid),
    record: {
      qid,
      status: 'VALID',
      holder: holder(p),
      event: { type: 'vaccination', vaccine, dose, doses, date: d(-daysAgo), country: 'VN' },
    },
  })
  const p = people
  return [
    // The QR text of Decision 1405's example, exactly.
    vaccinated(
      'vaccination, AstraZeneca (Vaxzevria) 2/2',
      p.nguyenVanA,
      '162979388586171100',
      'AstraZeneca',
      2,
      2,
      40,
      '001093029317|NGUYEN VAN A|1987-01-18|0|162979388586171100|<1<00<0123232422',
    ),
    vaccinated('vaccination, Pfizer-BioNTech booster 3/3', p.tranThiNgocHan, '162979388586171201', 'Pfizer-BioNTech', 3, 3, 20),
    vaccinated('vaccination, Moderna 2/2, passport', p.dangQuocBao, '162979388586171302', 'Moderna', 2, 2, 50),
    vaccinated(
      'vaccination, Covishield 2/2, date of birth masked',
      p.leThiThuTrang,
      '162979388586171403',
      'AstraZeneca (Covishield)',
      2,
      2,
      60,
      qrText(p.leThiThuTrang, '162979388586171403', { dateOfBirth: '1965-**-**' }),
    ),
    vaccinated('vaccination, Sinopharm BIBP 2/2', p.phamMinhDuc, '162979388586171504', 'Vero Cell (Sinopharm)', 2, 2, 70),
    vaccinated('vaccination, Sputnik V 1/2', p.hoangVanDung, '162979388586171605', 'Sputnik V', 1, 2, 15),
    vaccinated('vaccination, Abdala 3/3', p.voThiMai, '162979388586171706', 'Abdala', 3, 3, 30),
    vaccinated('vaccination, Janssen 1/1', p.buiAnhTuan, '162979388586171807', 'Janssen', 1, 1, 90),
    vaccinated('vaccination, Hayat-Vax 2/2', p.ngoThiHong, '162979388586171908', 'Hayat-Vax', 2, 2, 25),
    vaccinated('unmapped product, Nanocovax', p.vuDinhKhoa, '162979388586172009', 'Nanocovax', 2, 2, 35),
    vaccinated(
      'on behalf of a child, Pfizer-BioNTech 1/2',
      p.nguyenNgocBaoAnh,
      '162979388586172110',
      'Pfizer-BioNTech',
      1,
      2,
      12,
      qrText(p.nguyenNgocBaoAnh, '162979388586172110', { onBehalf: true }),
    ),
    {
      name: 'recovery',
      qid: '162979388586172211',
      person: claimOf(p.huynhThanhTung),
      qr: qrText(p.huynhThanhTung, '162979388586172211'),
      record: {
        qid: '162979388586172211',
        status: 'VALID',
        holder: holder(p.huynhThanhTung),
        event: { type: 'recovery', firstPositive: d(-20), firstPositiveTest: 'NAAT', validFrom: d(-9), validUntil: d(160), country: 'VN' },
      },
    },
    {
      name: 'test, PCR negative',
      qid: '162979388586172312',
      person: claimOf(p.doThiLan),
      qr: qrText(p.doThiLan, '162979388586172312'),
      record: {
        qid: '162979388586172312',
        status: 'VALID',
        holder: holder(p.doThiLan),
        event: {
          type: 'test',
          method: 'PCR',
          name: 'Real-time RT-PCR SARS-CoV-2',
          sampledAt: `${d(-1)}T10:00:00+07:00`,
          result: 'NEGATIVE',
          facility: 'CDC Hà Nội',
          country: 'VN',
        },
      },
    },
    {
      name: 'expired recovery',
      qid: '162979388586172413',
      person: claimOf(p.phanVanHai),
      qr: qrText(p.phanVanHai, '162979388586172413'),
      record: {
        qid: '162979388586172413',
        status: 'VALID',
        holder: holder(p.phanVanHai),
        event: {
          type: 'recovery',
          firstPositive: d(-200),
          firstPositiveTest: 'NAAT',
          validFrom: d(-189),
          validUntil: d(-10),
          country: 'VN',
        },
      },
    },
    {
      name: 'revoked record',
      qid: '162979388586172514',
      person: claimOf(p.lyThiKim),
      qr: qrText(p.lyThiKim, '162979388586172514'),
      record: {
        qid: '162979388586172514',
        status: 'REVOKED',
        holder: holder(p.lyThiKim),
        event: { type: 'vaccination', vaccine: 'AstraZeneca', dose: 2, doses: 2, date: d(-80), country: 'VN' },
      },
    },
    // The QR's identity is not the record's (an altered QR): the date of birth differs.
    {
      name: 'QR does not designate the record holder',
      qid: '162979388586172615',
      person: claimOf(p.tranVanBinh),
      qr: qrText(p.tranVanBinh, '162979388586172615', { dateOfBirth: '1990-01-01' }),
      record: {
        qid: '162979388586172615',
        status: 'VALID',
        holder: holder(p.tranVanBinh),
        event: { type: 'vaccination', vaccine: 'Moderna', dose: 1, doses: 2, date: d(-10), country: 'VN' },
      },
    },
    { name: 'not found', qid: '162979388586179999', person: claimOf(p.nguyenVanA), qr: qrText(p.nguyenVanA, '162979388586179999') },
  ]
}
