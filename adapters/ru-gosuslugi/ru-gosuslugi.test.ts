// The shared contract suite against the ru-gosuslugi sandbox over real HTTP on 127.0.0.1.
import { testAdapter } from '../_contract/suite.ts'
import { contractFixtures } from './fixtures.ts'
import { ruGosuslugi } from './index.ts'
import { createSandbox } from './sandbox.ts'

const today = new Date().toISOString().slice(0, 10)

testAdapter({ adapter: ruGosuslugi, sandbox: createSandbox({ today }), fixtures: contractFixtures(today) })
