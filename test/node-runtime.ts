// vitest setup file of the Node tests (vitest.config.ts): the tests run on the primitives and file
// reads of the Node edge, as `certbridge` does, not on the web defaults of src/platform.
import { installNodeRuntime } from '../src/runtime/node/install.ts'

installNodeRuntime()
