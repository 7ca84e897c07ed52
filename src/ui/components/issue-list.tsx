import type { Issue } from '../../core'
import type { Lang } from '../i18n'

/** Return the issues whose path starts with `prefix` (e.g. `['measures', 2]`). */
export function issuesAt(issues: readonly Issue[], prefix: readonly (string | number)[]): Issue[] {
  return issues.filter((i) => i.path !== undefined && prefix.every((p, k) => i.path?.[k] === p))
}

function where(i: Issue): string {
  const parts: string[] = []
  if (i.file) parts.push(i.file)
  if (i.sheet !== undefined) parts.push(`sheet ${i.sheet}`)
  if (i.row !== undefined) parts.push(`row ${i.row}`)
  if (i.line !== undefined) parts.push(`line ${i.line}`)
  if (i.column !== undefined) parts.push(i.column)
  if (i.path && i.path.length > 0) parts.push(i.path.join('.'))
  return parts.join(' · ')
}

/** Show issues in both languages (the current one first), with where they are. */
export function IssueList({ issues, lang, testId }: { issues: readonly Issue[]; lang: Lang; testId?: string }) {
  if (issues.length === 0) return null
  return (
    <ul className="issues" data-testid={testId} role="alert">
      {issues.slice(0, 20).map((i, k) => (
        <li key={k} className={i.severity === 'warning' ? 'issue warning' : 'issue'}>
          <span className="issue-main">{lang === 'zh' ? i.zh : i.en}</span>
          <span className="issue-alt">{lang === 'zh' ? i.en : i.zh}</span>
          {where(i) ? <span className="issue-where">{where(i)}</span> : null}
        </li>
      ))}
      {issues.length > 20 ? <li className="issue">… +{issues.length - 20}</li> : null}
    </ul>
  )
}
