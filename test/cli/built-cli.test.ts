import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { bundledLibrary } from '../../src/worker/bundled-models'
import { runCli } from '../helpers'

// The built CLI (dist-cli/, made by `npm run build:cli`, by `npm ci` through `prepare` and by this suite's set-up)
// is what `npx lantian` runs: it must say exactly what the source says, and start without what it does not need.
const ROOT = join(import.meta.dirname, '../..')
const BIN = join(ROOT, 'bin/lantian.mjs')
const tmp = mkdtempSync(join(tmpdir(), 'lantian-built-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** Run the built CLI as a user does. */
function bin(args: string[]) {
  const p = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 })
  return { code: p.status, out: p.stdout, err: p.stderr }
}

describe('the built CLI (bin/lantian.mjs → dist-cli/lantian.mjs)', () => {
  it('gives byte for byte the output and exit code of the source, command by command', async () => {
    const commands = [
      ['run', 'seeds/xiping'],
      ['run', 'seeds/weidu', 'seeds/nanyang', '--format', 'csv', '--what', 'emissions'],
      ['run', 'seeds/xianyang-2023', '--format', 'json'],
      ['run', 'seeds/xinzhou', '--format', 'csv', '--what', 'targets', '--year', '2025'],
      ['check', 'seeds/xiping', 'seeds/xianyang-2023'],
      ['validate', 'seeds/weidu'],
      ['mc', 'seeds/xiping', '--draws', '300', '--seed', '7', '--format', 'json', '--quiet'],
      ['mc', 'seeds/nanyang', '--draws', '200', '--format', 'csv', '--what', 'targets', '--quiet'],
      ['optimize', 'seeds/xiping', '--format', 'json'],
      ['run', 'seeds/nope'],
      ['frobnicate'],
      ['--help'],
    ]
    for (const c of commands) {
      const built = bin(c)
      const source = await runCli(c)
      expect(built.out, c.join(' ')).toBe(source.out)
      expect(built.err, c.join(' ')).toBe(source.err)
      expect(built.code, c.join(' ')).toBe(source.code)
    }
  })

  it('splits Monte Carlo draws over its bundled worker threads with the numbers of one thread', () => {
    const args = ['mc', 'seeds/xiping', '--draws', '500', '--seed', '3', '--chunk', '100', '--format', 'csv', '--quiet']
    const one = bin([...args, '--workers', '1'])
    const two = bin([...args, '--workers', '2'])
    expect(two.err).toBe('')
    expect(two.out).toBe(one.out)
    expect(one.out.split('\n').length).toBeGreaterThan(10)
  })

  it('ships the model library as the app does: the same fingerprint in its provenance', () => {
    const r = bin(['run', 'seeds/xiping', '--format', 'json'])
    expect(r.code).toBe(0)
    expect((JSON.parse(r.out) as { provenance: { library: string } }).provenance.library).toBe(bundledLibrary().version)
  })

  it('loads neither a TypeScript loader nor exceljs nor HiGHS for a run; each when a command needs it', () => {
    // A resolve hook notes every package module Node loads (in a file: hooks run on their own thread).
    const hook = `data:text/javascript,${encodeURIComponent(
      "import { appendFileSync } from 'node:fs'; export async function resolve(s, c, next) { const r = await next(s, c); if (/node_modules/.test(r.url)) appendFileSync(process.env.LANTIAN_PROBE, r.url + '\\n'); return r }",
    )}`
    const probe = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(hook)})`)}`
    const loaded = (args: string[]) => {
      const file = join(tmp, `probe-${Math.random()}`)
      writeFileSync(file, '')
      const p = spawnSync(process.execPath, ['--import', probe, BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANTIAN_PROBE: file } })
      expect(p.status, p.stderr).toBe(0)
      return readFileSync(file, 'utf8')
    }
    expect(loaded(['run', 'seeds/xiping', '--format', 'csv'])).toBe('')
    expect(loaded(['optimize', 'seeds/xiping'])).toMatch(/node_modules\/highs\//)
    expect(loaded(['run', 'seeds/xiping', '--format', 'xlsx', '--out', join(tmp, 'x.xlsx')])).toMatch(/node_modules\/exceljs\//)
    // Nothing in the build imports tsx; only Node's own modules (fflate, bundled, asks for "module"), exceljs, HiGHS
    // and its own files.
    for (const f of readdirSync(join(ROOT, 'dist-cli'))) {
      const text = readFileSync(join(ROOT, 'dist-cli', f), 'utf8')
      for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2] ?? ''
        expect(spec, `${f} imports ${spec}`).toMatch(/^(node:|module$|exceljs$|highs$|\.\/)/)
      }
    }
    expect(readFileSync(BIN, 'utf8')).not.toMatch(/tsx/)
  })

  it('loads mathjs only for what its fast paths do not cover, and then says what the source says', () => {
    // A scope with a comment (mathjs's parser, not fastParse) and an inventory unit the recorded answers lack (kt).
    const dir = mkdtempSync(join(tmp, 'fallback-'))
    const yaml = readFileSync(join(ROOT, 'seeds/xiping/scenario.yaml'), 'utf8')
    const at = yaml.indexOf("'", yaml.indexOf('scope: ') + 8)
    writeFileSync(join(dir, 'scenario.yaml'), `${yaml.slice(0, at)} # a comment${yaml.slice(at)}`)
    const csv = readFileSync(join(ROOT, 'seeds/xiping/inventory.csv'), 'utf8')
    writeFileSync(join(dir, 'inventory.csv'), csv.replace(',250000,t,', ',250,kt,'))
    expect(readFileSync(join(dir, 'inventory.csv'), 'utf8')).not.toBe(csv)
    // CommonJS loads (mathjs is loaded with require when first needed) are noted by a preloaded module.
    const cjs = `data:text/javascript,${encodeURIComponent(
      "import M from 'node:module'; import { appendFileSync } from 'node:fs'; const load = M._load; M._load = function (r, p, m) { appendFileSync(process.env.LANTIAN_PROBE, r + '\\n'); return load.call(this, r, p, m) }",
    )}`
    const run = (args: string[]) => {
      const file = join(tmp, `cjs-${Math.random()}`)
      writeFileSync(file, '')
      const p = spawnSync(process.execPath, ['--import', cjs, BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANTIAN_PROBE: file } })
      return { out: p.stdout, err: p.stderr, code: p.status, loaded: readFileSync(file, 'utf8').split('\n') }
    }
    expect(run(['run', 'seeds/xiping', '--format', 'csv']).loaded).not.toContain('mathjs')
    const fallback = run(['run', dir, '--format', 'csv'])
    expect(fallback.loaded).toContain('mathjs')
    expect(fallback.err).toBe('')
    expect(fallback.code).toBe(0)
    // 250 kt is 250,000 t: the seed's numbers, and the source's output byte for byte.
    expect(fallback.out).toBe(bin(['run', 'seeds/xiping', '--format', 'csv']).out)
  })

  it('says how to build it when it has not been built (e.g. after npm ci --ignore-scripts), exit 2', () => {
    const dir = mkdtempSync(join(tmp, 'unbuilt-'))
    cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true })
    const p = spawnSync(process.execPath, [join(dir, 'bin/lantian.mjs'), 'run', 'seeds/xiping'], { encoding: 'utf8' })
    expect(p.status).toBe(2)
    expect(p.stderr).toMatch(/^error: .*npm run build:cli.* \/ .*npm run build:cli/)
    expect(p.stdout).toBe('')
  })
})
