import { useEffect } from 'react'
import type { PlanStore } from './plan-store'

/** Bind the keyboard: undo/redo while editing (Ctrl+Z, Ctrl+Y or Ctrl+Shift+Z); arrows, space, Home/End and Esc step the presenter. */
export function useShortcuts(store: PlanStore | undefined): void {
  useEffect(() => {
    if (!store) return
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null
      const typing = target?.tagName === 'INPUT' && ['text', 'number', 'month'].includes((target as HTMLInputElement).type)
      if ((e.ctrlKey || e.metaKey) && !typing) {
        const k = e.key.toLowerCase()
        if (k === 'z' && !e.shiftKey) store.undo()
        else if (k === 'y' || (k === 'z' && e.shiftKey)) store.redo()
        else return
        e.preventDefault()
        return
      }
      const p = store.get().presenter
      if (!p || typing) return
      const n = store.steps().length
      if (e.key === 'ArrowRight' || e.key === ' ' || e.key === 'PageDown') store.present({ step: Math.min(n, p.step + 1) })
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') store.present({ step: Math.max(0, p.step - 1) })
      else if (e.key === 'Home') store.present({ step: 0 })
      else if (e.key === 'End') store.present({ step: n })
      else if (e.key === 'Escape') store.present(undefined)
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store])
}
