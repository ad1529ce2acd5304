// Escaping for every page the bridge writes (the citizen's pages, the QA and harness reports): every
// interpolated value goes through `escapeHtml`, and the strings handed to a client script are JSON
// that cannot close its <script> element.
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch)
}

/** JSON for a `<script type="application/json">` block: `<`, `>` and `&` escaped so no tag can end it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
