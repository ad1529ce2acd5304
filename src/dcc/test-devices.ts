// The rapid antigen test devices an EU DCC may name in `t/ma`: the active entries of the value set
// covid-19-lab-test-manufacturer-and-name (eu-dcc-valuesets 2.12.0, test-manf-example.json, the JRC
// HSC common list as of 2021-07-01). Stated in code so Workers need no file; test-devices.test.ts
// proves it equal to the official file. Entries the file marks inactive (1065, 1242) are left out.
const ACTIVE_DEVICES =
  '308 344 345 768 1097 1114 1144 1162 1173 1180 1190 1199 1201 1215 1218 1223 1225 1232 1236 1244 1253 ' +
  '1257 1263 1266 1267 1268 1271 1278 1295 1296 1304 1319 1331 1333 1341 1343 1360 1363 1365 1375 1392 ' +
  '1420 1437 1443 1456 1466 1468 1481 1484 1489 1490 1501 1574 1604 1606 1654 1736 1747 1763 1764 1767 ' +
  '1769 1815 1822 1833 1844 1870 1884 1906 1919 1934 2010 2017 2029 2074 2098 2101 2103 2104 2108 2109 ' +
  '2116 2128 2130 2139 2183'

export const RAT_DEVICES: ReadonlySet<string> = new Set(ACTIVE_DEVICES.split(' '))

export function isRatDevice(id: string): boolean {
  return RAT_DEVICES.has(id)
}
