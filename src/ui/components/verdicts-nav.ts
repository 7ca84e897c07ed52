import type { Assumption } from '../../core'

/**
 * Return the CSS selector of the control that edits an input a verdict rests on: a measure's level slider or
 * parameter field, a growth row (by its sector), a target's value or reference tonnage; undefined for an emission
 * factor (a library number the plan does not edit).
 */
export function inputSelector(a: Assumption, targetId: string): string | undefined {
  const byId = (id: string) => `[data-testid="${CSS.escape(id)}"]`
  if (a.kind === 'level' && a.measure) return byId(`level-${a.measure}`)
  if (a.kind === 'param' && a.measure && a.param) return byId(`param-${a.measure}-${a.param}`)
  if (a.kind === 'growth' && a.sector) return `[data-testid="growth-editor"] [data-sector="${CSS.escape(a.sector)}"]`
  if (a.kind === 'reference') return byId(a.param === 'value_t' ? `target-ref-t-${targetId}` : `target-value-${targetId}`)
  return undefined
}

/** How long the control moved to stays highlighted, ms. */
const HIGHLIGHT_MS = 2400

/**
 * Move to the control that edits `a`: open the editor folded around it, scroll it into view, focus it and
 * highlight it for a moment. A growth-rate shift of a sector without a growth entry opens the growth editor (the
 * entry is added there). Returns whether a control was found.
 */
export function goToInput(a: Assumption, targetId: string): boolean {
  const sel = inputSelector(a, targetId)
  if (!sel) return false
  let el = document.querySelector<HTMLElement>(sel)
  if (a.kind === 'growth') {
    // The row's rate field when the sector has an entry; else the growth editor itself.
    el = el?.querySelector<HTMLElement>('input[type="number"]') ?? el ?? document.querySelector<HTMLElement>('[data-testid="growth-editor"]')
  }
  if (!el) return false
  for (let d = el.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true
  el.scrollIntoView({ block: 'center', behavior: 'smooth' })
  el.focus({ preventScroll: true })
  const box = el.closest<HTMLElement>('.measure, .editor-row') ?? el
  box.classList.add('moved-to')
  setTimeout(() => box.classList.remove('moved-to'), HIGHLIGHT_MS)
  return true
}
