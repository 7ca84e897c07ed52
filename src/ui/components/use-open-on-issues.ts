import { useEffect, useRef } from 'react'

/**
 * Return a ref for a `<details>` that opens itself when issues appear inside it, so that an error located in a
 * collapsed editor (after an undo, a reload or an import) is never hidden; the user still opens and closes it freely.
 */
export function useOpenOnIssues(count: number) {
  const ref = useRef<HTMLDetailsElement>(null)
  useEffect(() => {
    if (count > 0 && ref.current) ref.current.open = true
  }, [count])
  return ref
}
