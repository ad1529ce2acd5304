// GET /openapi.json (generated from the route schemas) and GET /docs: an interactive page, fully
// self-contained (no CDN, no external script), that lists every operation and lets you send it.
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../router.ts'

export function registerDocs(app: OpenAPIHono<AppEnv>): void {
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'certbridge',
      version: '0.1.0',
      description:
        'Converts national COVID certificates whose QR is only a link into EU Digital COVID Certificates, publishes the signing keys and revocations, and verifies EU DCCs. Errors are RFC 9457 problem+json with a stable `code`.',
    },
  })
  app.get('/docs', (c) => c.html(docsPage))
}

const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>certbridge API</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a}
h1{font-size:1.6rem}details{border:1px solid #bbb;border-radius:6px;margin:.6rem 0;padding:.4rem .8rem}
summary{cursor:pointer;font-weight:600}code,textarea,pre{font:14px/1.4 ui-monospace,monospace}
.m{display:inline-block;min-width:3.5rem;color:#fff;border-radius:4px;padding:0 .4rem;margin-right:.5rem;text-align:center}
.get{background:#1f5fa8}.post{background:#1d7a3a}textarea{width:100%;min-height:8rem;box-sizing:border-box}
pre{background:#f4f4f4;padding:.6rem;overflow:auto;max-height:24rem;white-space:pre-wrap;word-break:break-all}
button{font:inherit;padding:.3rem 1rem;margin:.3rem 0}label{display:block;margin-top:.4rem}
</style></head><body>
<h1>certbridge API</h1>
<p>Generated from <a href="/openapi.json">/openapi.json</a>. Open an operation, edit the request and send it to this server.</p>
<main id="ops">Loading…</main>
<script>
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
function example(schema, spec) {
  if (!schema) return undefined;
  if (schema.$ref) return example(spec.components.schemas[schema.$ref.split('/').pop()], spec);
  if (schema.example !== undefined) return schema.example;
  if (schema.type === 'object') { const o = {}; for (const [k, v] of Object.entries(schema.properties || {})) { const e = example(v, spec); if (e !== undefined) o[k] = e; } return o; }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  return undefined;
}
fetch('/openapi.json').then((r) => r.json()).then((spec) => {
  const ops = document.getElementById('ops'); ops.textContent = '';
  for (const [path, item] of Object.entries(spec.paths)) for (const [method, op] of Object.entries(item)) {
    const d = document.createElement('details');
    const body = op.requestBody && op.requestBody.content['application/json'];
    const id = method + path.replace(/\\W/g, '_');
    d.innerHTML = '<summary><span class="m ' + method + '">' + method.toUpperCase() + '</span><code>' + esc(path) + '</code> ' + esc(op.summary || '') + '</summary>' +
      '<p>' + esc(op.description || '') + '</p>' +
      '<p>Responses: ' + Object.entries(op.responses).map(([s, r]) => '<code>' + s + '</code> ' + esc(r.description)).join('; ') + '</p>' +
      (op.security ? '<label for="' + id + '-t">Bearer token</label><input id="' + id + '-t" type="password" autocomplete="off">' : '') +
      (body ? '<label for="' + id + '-b">Request body (JSON)</label><textarea id="' + id + '-b">' + esc(JSON.stringify(example(body.schema, spec), null, 2)) + '</textarea>' : '') +
      '<button type="button">Send</button><pre aria-live="polite"></pre>';
    d.querySelector('button').addEventListener('click', async () => {
      const out = d.querySelector('pre'); out.textContent = '…';
      const headers = {}; const t = d.querySelector('input'); if (t && t.value) headers.authorization = 'Bearer ' + t.value;
      const init = { method: method.toUpperCase(), headers };
      if (body) { headers['content-type'] = 'application/json'; init.body = d.querySelector('textarea').value; }
      const r = await fetch(path, init); const text = await r.text();
      let shown = text; try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch {}
      out.textContent = r.status + ' ' + r.statusText + '\\n' + shown;
    });
    ops.appendChild(d);
  }
});
</script></body></html>`
