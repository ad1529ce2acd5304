// The shared contract suite against the xx-template sandbox over real HTTP on 127.0.0.1.
import { testAdapter } from '../_contract/suite.ts'
import { contractFixtures } from './fixtures.ts'
import { xxTemplate } from './index.ts'
import { createSandbox } from './sandbox.ts'

const today = new Date().toISOString().slice(0, 10)

testAdapter({ adapter: xxTemplate, sandbox: createSandbox({ today }), fixtures: contractFixtures(today) })
