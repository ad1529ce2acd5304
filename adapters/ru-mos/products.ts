// Moscow's records name vaccines as the Russian federal register does: the same table as Gosuslugi.
export { mapProduct, foldProductName, type EuVaccine } from '../_ru/products.ts'
