import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import type { Library, Scenario } from '../../src/core'
import { paramsOf, removalOf, targetOf, type PeerTables } from './tables'
import { sqlIdent, sqlString, toSql } from './sql-expr'

/** Columns a selector may read in the `r` relation of the query. */
const COLUMNS = new Set(['id', 'region', 'sector', 'technology', 'activity', 'capacity', 'standard', 'treatment', 'enterprise', 'county'])

/** Totals per year: [year index][0 = NOx, 1 = VOCs]. */
export interface PeerTotals {
  scenario: number[][]
  counterfactual: number[][]
}

/** A DuckDB database holding one inventory and the lookup tables, ready to run the projection query. */
export class DuckPeer {
  private constructor(
    private readonly db: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  /** Load the inventory CSV file (the same text Lantian parses) and the lookup tables. */
  static async open(csvPath: string, tables: PeerTables): Promise<DuckPeer> {
    const db = await DuckDBInstance.create(':memory:')
    const conn = await db.connect()
    const peer = new DuckPeer(db, conn)
    const text = (c: string) => `${sqlIdent(c)}: 'VARCHAR'`
    const dbl = (c: string) => `${sqlIdent(c)}: 'DOUBLE'`
    await conn.run(
      `CREATE TABLE rec AS SELECT * FROM read_csv(${sqlString(csvPath)}, skip = 4, header = true, delim = ',', quote = '"', columns = {${[
        text('id'),
        text('region'),
        text('sector'),
        text('technology'),
        dbl('activity'),
        text('unit'),
        dbl('nox_t'),
        dbl('vocs_t'),
        dbl('capacity'),
        text('capacity_unit'),
        text('standard'),
        text('treatment'),
        text('enterprise'),
        text('county'),
      ].join(', ')}})`,
    )
    await peer.table(
      'unitf',
      'unit VARCHAR, technology VARCHAR, f DOUBLE',
      tables.unitFactor.map((u) => [sqlString(u.unit), sqlString(u.technology), num(u.f)]),
    )
    await peer.table(
      'capf',
      'unit VARCHAR, f DOUBLE',
      tables.capFactor.map((u) => [sqlString(u.unit), num(u.f)]),
    )
    await peer.table(
      'techt',
      'technology VARCHAR, ef_nox DOUBLE, ef_vocs DOUBLE, useful DOUBLE, useful_unit VARCHAR',
      tables.tech.map((t) => [
        sqlString(t.technology),
        num(t.efNox),
        num(t.efVocs),
        t.useful === null ? 'NULL' : num(t.useful),
        t.usefulUnit === null ? 'NULL' : sqlString(t.usefulUnit),
      ]),
    )
    await peer.table(
      'usefulf',
      'from_unit VARCHAR, to_unit VARCHAR, f DOUBLE',
      tables.usefulFactor.map((u) => [sqlString(u.from), sqlString(u.to), num(u.f)]),
    )
    return peer
  }

  private async table(name: string, cols: string, rows: string[][]): Promise<void> {
    await this.conn.run(`CREATE OR REPLACE TABLE ${name} (${cols})`)
    if (rows.length > 0) await this.conn.run(`INSERT INTO ${name} VALUES ${rows.map((r) => `(${r.join(', ')})`).join(', ')}`)
  }

  /** Write the scenario's measures and growth into their tables (what a parameter edit changes). */
  async setScenario(lib: Library, s: Scenario): Promise<void> {
    await this.table(
      'meas',
      'mid INTEGER, kind VARCHAR, to_tech VARCHAR, start_m VARCHAR, complete_m VARCHAR, level DOUBLE, step BOOLEAN, enabled BOOLEAN, rho_nox DOUBLE, rho_vocs DOUBLE, scale DOUBLE',
      s.measures.map((m, k) => {
        const t = lib.templates.get(m.template)
        if (!t) throw new Error(`bench: template ${m.template}`)
        const p = paramsOf(lib, s, k)
        const rho = (pol: 'NOx' | 'VOCs') => {
          const e = removalOf(t.spec, pol)
          return e ? toSql(e, p, new Set()) : '0'
        }
        const scale = t.spec.kind === 'share' ? `(${num(p.s1 ?? 0)} - ${num(p.s0 ?? 0)}) / (1 - ${num(p.s0 ?? 0)})` : '1'
        const toId = targetOf(t.spec, m.to)
        const to = toId === undefined ? 'NULL' : sqlString(toId)
        return [
          String(k),
          sqlString(t.spec.kind),
          to,
          sqlString(m.schedule.start),
          sqlString(m.schedule.complete),
          num(m.schedule.level),
          m.schedule.shape === 'step' ? 'true' : 'false',
          m.enabled ? 'true' : 'false',
          rho('NOx'),
          rho('VOCs'),
          scale,
        ]
      }),
    )
    await this.table(
      'growth',
      'gsector VARCHAR, rate DOUBLE',
      s.growth.map((g) => {
        if (!('rate_pct' in g)) throw new Error('bench: the DuckDB peer handles rate_pct growth only')
        return [sqlString(g.sector), num(g.rate_pct)]
      }),
    )
  }

  /** Run the projection as one SQL query. */
  async project(lib: Library, s: Scenario): Promise<PeerTotals> {
    const reader = await this.conn.runAndReadAll(projectionSql(lib, s))
    const rows = reader.getRowObjectsJS() as Record<string, unknown>[]
    const Y = s.years.end - s.years.start + 1
    const out: PeerTotals = { scenario: [], counterfactual: [] }
    for (let y = 0; y < Y; y++) {
      const row = rows.find((r) => Number(r.y) === s.years.start + y)
      out.scenario.push([Number(row?.sc_nox ?? 0), Number(row?.sc_vocs ?? 0)])
      out.counterfactual.push([Number(row?.cf_nox ?? 0), Number(row?.cf_vocs ?? 0)])
    }
    return out
  }

  /** Release the database. */
  close(): void {
    this.conn.closeSync()
    this.db.closeSync()
  }
}

const num = (x: number): string => `CAST(${String(x)} AS DOUBLE)`

/**
 * The projection of DESIGN §4.2–4.3 as one query: normalise units, evaluate every selector on every record,
 * compute adoption from the schedules (exact monthly integral), growth by longest sector prefix, and
 * E = A·G·c·[s·ef·Π(1 − Xρ) + Σ X·κ·ef_to] per record and year, summed per year.
 */
export function projectionSql(lib: Library, s: Scenario): string {
  const selects = s.measures.map((m, k) => {
    const t = lib.templates.get(m.template)
    if (!t) throw new Error(`bench: template ${m.template}`)
    const p = paramsOf(lib, s, k)
    const conds = [toSql(t.spec.applies_to, p, COLUMNS)]
    if (m.scope) conds.push(toSql(m.scope, p, COLUMNS))
    const toId = targetOf(t.spec, m.to)
    if (toId !== undefined) conds.push(`r.technology <> ${sqlString(toId)}`)
    return `SELECT r.rid, ${k} AS mid, r.technology FROM r WHERE ${conds.map((c) => `(${c})`).join(' AND ')}`
  })
  const regions = s.regions.map(sqlString).join(', ')
  const y0 = s.years.start
  // Cumulative adoption integral ∫X up to month t (linear ramp from t0 to t1, or a step at t1).
  const cum = (t: string) =>
    `(CASE WHEN step OR t1 <= t0 THEN (CASE WHEN ${t} <= t1 THEN 0.0 ELSE level * (${t} - t1) END)
       WHEN ${t} <= t0 THEN 0.0
       WHEN ${t} < t1 THEN level * (${t} - t0) * (${t} - t0) / (2.0 * (t1 - t0))
       ELSE level * ((t1 - t0) / 2.0 + (${t} - t1)) END)`
  return `
WITH years AS (SELECT CAST(range AS INTEGER) AS y FROM range(${y0}, ${s.years.end + 1})),
r AS MATERIALIZED (
  SELECT row_number() OVER () AS rid, rec.id, rec.region, rec.sector, rec.technology,
    rec.activity * uf.f AS activity, rec.nox_t, rec.vocs_t,
    CASE WHEN rec.capacity IS NOT NULL AND rec.capacity_unit IS NOT NULL THEN rec.capacity * cf.f ELSE rec.capacity END AS capacity,
    rec.standard, rec.treatment, rec.enterprise, rec.county
  FROM rec JOIN unitf uf ON uf.unit = rec.unit AND uf.technology = rec.technology
  LEFT JOIN capf cf ON cf.unit = rec.capacity_unit
  WHERE rec.region IN (${regions})
),
sched AS (
  SELECT *, CAST(substr(start_m, 1, 4) AS INTEGER) * 12 + CAST(substr(start_m, 6, 2) AS INTEGER) - 1 AS t0,
    CAST(substr(complete_m, 1, 4) AS INTEGER) * 12 + CAST(substr(complete_m, 6, 2) AS INTEGER) AS t1
  FROM meas
),
mx AS (
  SELECT mid, kind, to_tech, rho_nox, rho_vocs, y,
    CASE WHEN NOT enabled THEN 0.0 ELSE least(1.0,
      CASE WHEN y * 12 >= t1 THEN least(1.0, greatest(0.0, level))
           WHEN y * 12 + 12 <= t0 THEN 0.0
           ELSE least(1.0, greatest(0.0, (${cum('(y * 12 + 12)')} - ${cum('(y * 12)')}) / 12.0)) END) * scale END AS x
  FROM sched CROSS JOIN years
),
kap AS (
  SELECT tf.technology AS from_tech, tt.technology AS to_tech, tf.useful / (tt.useful * u.f) AS kappa, tt.ef_nox, tt.ef_vocs
  FROM techt tf, techt tt, usefulf u WHERE u.from_unit = tt.useful_unit AND u.to_unit = tf.useful_unit
),
sel AS (
  ${selects.join('\n  UNION ALL ')}
),
eff AS (
  SELECT sel.rid, mx.y,
    SUM(CASE WHEN mx.kind = 'cut' THEN mx.x ELSE 0.0 END) AS cut,
    SUM(CASE WHEN mx.kind IN ('switch', 'share') THEN mx.x ELSE 0.0 END) AS sw,
    PRODUCT(CASE WHEN mx.kind = 'reduce' THEN 1.0 - mx.x * mx.rho_nox ELSE 1.0 END) AS red_nox,
    PRODUCT(CASE WHEN mx.kind = 'reduce' THEN 1.0 - mx.x * mx.rho_vocs ELSE 1.0 END) AS red_vocs,
    SUM(CASE WHEN mx.kind IN ('switch', 'share') THEN mx.x * kap.kappa * kap.ef_nox ELSE 0.0 END) AS swef_nox,
    SUM(CASE WHEN mx.kind IN ('switch', 'share') THEN mx.x * kap.kappa * kap.ef_vocs ELSE 0.0 END) AS swef_vocs
  FROM sel JOIN mx ON mx.mid = sel.mid
  LEFT JOIN kap ON kap.from_tech = sel.technology AND kap.to_tech = mx.to_tech
  GROUP BY sel.rid, mx.y
),
gsec AS (
  SELECT sx.sector, arg_max(g.rate, length(g.gsector)) AS rate
  FROM (SELECT DISTINCT sector FROM r) sx LEFT JOIN growth g ON sx.sector = g.gsector OR starts_with(sx.sector, g.gsector || '.')
  GROUP BY sx.sector
),
base AS (
  SELECT r.rid, years.y, r.activity AS a,
    CASE WHEN gsec.rate IS NULL THEN 1.0 ELSE pow(1.0 + gsec.rate / 100.0, years.y - ${y0}) END AS g,
    COALESCE(r.nox_t, r.activity * t.ef_nox) AS ae_nox,
    COALESCE(r.vocs_t, r.activity * t.ef_vocs) AS ae_vocs
  FROM r JOIN techt t ON t.technology = r.technology JOIN gsec ON gsec.sector = r.sector CROSS JOIN years
)
SELECT base.y,
  SUM(base.g * base.ae_nox) AS cf_nox,
  SUM(base.g * base.ae_vocs) AS cf_vocs,
  SUM(base.g * (1.0 - COALESCE(eff.cut, 0.0)) * ((1.0 - COALESCE(eff.sw, 0.0)) * base.ae_nox * COALESCE(eff.red_nox, 1.0) + base.a * COALESCE(eff.swef_nox, 0.0))) AS sc_nox,
  SUM(base.g * (1.0 - COALESCE(eff.cut, 0.0)) * ((1.0 - COALESCE(eff.sw, 0.0)) * base.ae_vocs * COALESCE(eff.red_vocs, 1.0) + base.a * COALESCE(eff.swef_vocs, 0.0))) AS sc_vocs
FROM base LEFT JOIN eff ON eff.rid = base.rid AND eff.y = base.y
GROUP BY base.y ORDER BY base.y`
}
