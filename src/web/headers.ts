// Security headers of the pages: a strict Content-Security-Policy (this origin only; images also from
// data: and blob: URLs for the QR and the picture being read), and the camera for this origin only.
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ')

export function pageHeaders(): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': contentSecurityPolicy,
    'permissions-policy': 'camera=(self), microphone=(), geolocation=(), interest-cohort=()',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    vary: 'Accept-Language, Cookie',
  }
}
