import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs'
import { createServer, type OutgoingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'
import { chromium, type Browser } from 'playwright-core'

/** The repository root (vitest runs from it). */
export const ROOT = process.cwd()
/** The built app; LANTIAN_E2E_DIST lets several engineers build and test at once without sharing dist/. */
export const DIST = process.env.LANTIAN_E2E_DIST ?? join(ROOT, 'dist')
/** Screenshots and downloads, gitignored, for people to look at. */
export const ARTIFACTS = join(ROOT, 'test/artifacts')
/** Debian's Chromium, kept off the closed network (TOOLCHAIN.md). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
}

/** Serve the built app (`dir`, by default DIST) under /lantian/ on 127.0.0.1 (proving `base: './'` works from any folder), with extra headers. */
export function serveDist(headers: OutgoingHttpHeaders = {}, dir = DIST): Promise<Server> {
  const s = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    let rel = decodeURIComponent(url.pathname).replace(/^\/lantian\/?/, '/')
    if (rel.endsWith('/')) rel += 'index.html'
    const file = normalize(join(dir, rel))
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found')
      return
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', ...headers })
    createReadStream(file).pipe(res)
  })
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)))
}

/** Launch Debian's Chromium headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
}

/** The built app served on 127.0.0.1 with a Chromium to drive it, for one test file. */
export interface RunningApp {
  server: Server
  /** The app's URL, under the /lantian/ sub-path. */
  base: string
  browser: Browser
}

/** Serve the built app (with extra response headers), launch Chromium, and make sure the artifacts folder exists. */
export async function startApp(headers: OutgoingHttpHeaders = {}): Promise<RunningApp> {
  mkdirSync(ARTIFACTS, { recursive: true })
  const server = await serveDist(headers)
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lantian/`
  return { server, base, browser: await launchChromium() }
}

/** Close what `startApp` opened (either may be missing when start-up failed). */
export async function stopApp(app: Partial<RunningApp>): Promise<void> {
  await app.browser?.close()
  await new Promise((r) => (app.server ? app.server.close(r) : r(undefined)))
}
