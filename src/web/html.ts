// Escaping for the server-rendered pages: every interpolated value goes through `escapeHtml`, and the
// strings handed to the client script are JSON that cannot close its <script> element.
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

/** JSON for a `<script type="application/json">` block: `<`, `>` and `&` escaped so no tag can end it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
