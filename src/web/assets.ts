// The page's static assets, all served from this origin (the CSP allows nothing else).
import { clientScript } from './client-bundle.gen.ts'
import { pageCss, printA4Css, printA6Css } from './styles.ts'

export interface Asset {
  readonly body: string
  readonly type: string
}

export const assets: Readonly<Record<string, Asset>> = {
  'page.js': { body: clientScript, type: 'text/javascript; charset=utf-8' },
  'page.css': { body: pageCss, type: 'text/css; charset=utf-8' },
  'print-a4.css': { body: printA4Css, type: 'text/css; charset=utf-8' },
  'print-a6.css': { body: printA6Css, type: 'text/css; charset=utf-8' },
}

export function assetPath(name: keyof typeof assets & string): string {
  return `/assets/${name}`
}
