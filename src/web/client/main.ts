// Entry of the page script (bundled with jsQR into src/web/client-bundle.gen.ts by build-client.ts).
import { pageStrings } from './dom.ts'
import { issuePage } from './issue.ts'
import { verifyPage } from './verify.ts'

const strings = pageStrings()
if (document.body.dataset.page === 'issue') issuePage(strings)
else if (document.body.dataset.page === 'verify') verifyPage(strings)
