/** One problem found in an input, located precisely and told in both languages. */
export interface Issue {
  /** Stable machine-readable code, e.g. `unit.mismatch`. */
  code: string
  zh: string
  en: string
  /** File the problem is in, as the user named it. */
  file?: string
  /** Worksheet of an XLSX file the problem is in. */
  sheet?: string
  /** 1-based data row of a CSV/XLSX file (the header is row 1). */
  row?: number
  column?: string
  /** 1-based line in a YAML/JSON file. */
  line?: number
  /** JSON/YAML path inside the file. */
  path?: (string | number)[]
  /** `warning` does not stop a run; default `error`. */
  severity?: 'error' | 'warning'
}

/** A value, or the issues that prevented it. Expected failures travel as values, never as throws. */
export type Result<T> = { ok: true; value: T; warnings: Issue[] } | { ok: false; issues: Issue[] }

/** Wrap a value as a success. */
export function ok<T>(value: T, warnings: Issue[] = []): Result<T> {
  return { ok: true, value, warnings }
}

/** Wrap issues as a failure. */
export function fail<T>(issues: Issue[]): Result<T> {
  return { ok: false, issues }
}

/** Longest piece of input echoed in a message, in characters; the rest is cut off with "…". */
export const MAX_ECHO = 60
/** Longest message text kept (a net under `echo`: no input can flood a terminal or a report). */
const MAX_MESSAGE = 1000

/** Shorten a value from the input for a message: at most MAX_ECHO characters, then "…". */
export function clip(v: string): string {
  return v.length > MAX_ECHO ? `${v.slice(0, MAX_ECHO)}…` : v
}

/** Quote a value from the input for a message, shortened as `clip` does: `"B1"`, `"1234567…"`. */
export function echo(v: unknown): string {
  return `"${clip(String(v))}"`
}

const cap = (s: string) => (s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE)}…` : s)

/** Build an issue. */
export function issue(code: string, zh: string, en: string, where: Omit<Issue, 'code' | 'zh' | 'en'> = {}): Issue {
  return { code, zh: cap(zh), en: cap(en), ...where }
}

/** Thrown inside the core to abort a resolve step with located issues; caught at the API boundary. */
export class InputError extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map((i) => i.en).join('; '))
    this.name = 'InputError'
  }
}

/** Format an issue as one bilingual line with its location. */
export function formatIssue(i: Issue): string {
  const where: string[] = []
  if (i.file) where.push(i.file)
  if (i.sheet !== undefined) where.push(`sheet ${i.sheet}`)
  if (i.row !== undefined) where.push(`row ${i.row}`)
  if (i.line !== undefined) where.push(`line ${i.line}`)
  if (i.column !== undefined) where.push(`column ${i.column}`)
  if (i.path && i.path.length > 0) where.push(`at ${i.path.join('.')}`)
  const loc = where.length > 0 ? `${where.join(', ')}: ` : ''
  const sev = i.severity === 'warning' ? 'warning' : 'error'
  return `${sev} [${i.code}] ${loc}${i.zh} / ${i.en}`
}
