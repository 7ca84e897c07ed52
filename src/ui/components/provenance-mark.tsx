import { provenanceOf, type Provenance, type ProvenanceKind } from '../../core'
import { pick, type Lang } from '../i18n'

// The mark's text per kind; UI text in both languages (README "The app").
const LABEL: Record<ProvenanceKind, { zh: string; en: string }> = {
  plan: { zh: '方案', en: 'plan' },
  source: { zh: '来源', en: 'source' },
  assumed: { zh: '假设', en: 'assumed' },
}
const PREFIX: Record<ProvenanceKind, { zh: string; en: string }> = {
  plan: { zh: '方案条款：', en: 'Plan clause: ' },
  source: { zh: '来源：', en: 'Source: ' },
  assumed: { zh: '假设（无出处）：', en: 'Assumed (no source gives it): ' },
}

/**
 * Show where one number comes from as a small mark: 方案 / plan (hover: the clause), 来源 / source (the citation) or
 * 假设 / assumed (the reason), so that a planner sees which numbers a verdict rests on. Renders nothing when the number
 * has no provenance (e.g. a value the user has just edited).
 */
export function ProvenanceMark({ p, lang }: { p: Provenance | { kind: ProvenanceKind; text: string } | undefined; lang: Lang }) {
  if (!p) return null
  const { kind, text } = 'kind' in p ? p : provenanceOf(p)
  return (
    <span className={`prov prov-${kind}`} data-testid="prov" data-kind={kind} title={`${pick(lang, PREFIX[kind])}${text}`}>
      {pick(lang, LABEL[kind])}
    </span>
  )
}
