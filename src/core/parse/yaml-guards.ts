import { isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml'
import { echo, issue, type Issue } from '../issues'

/** Explicit tags that only say what the YAML core schema would read anyway (`!!str 2024` is the text "2024"). */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'seq', 'map'].map((t) => `tag:yaml.org,2002:${t}`))

/** A key no file may use: JavaScript reads it as the object's prototype, so a record would silently drop it. */
const RESERVED_KEY = '__proto__'

interface Frame {
  node: unknown
  depth: number
  /** Anchors of the nodes that contain this one (to find an alias inside its own anchor). */
  within: readonly string[]
}

/**
 * Walk a parsed YAML document (iteratively, so no input can exhaust the stack) and return the first problems that
 * would otherwise be ignored or reported without a line: nesting deeper than `maxDepth`, an explicit tag other
 * than the core schema's (`!include`, `!!js/function`, any custom tag is refused, not dropped), an alias inside the
 * node its anchor names (recursive), an alias whose anchor is not defined before it, and the key `__proto__`.
 * Also returns the line of the first alias, for the alias-count message.
 */
export function checkYamlNodes(root: unknown, lc: LineCounter, file: string, maxDepth: number): { issues: Issue[]; firstAlias?: number } {
  const issues: Issue[] = []
  const lineOf = (n: unknown): { line?: number } => {
    const r = (n as { range?: [number, number, number] } | null)?.range
    return r ? { line: lc.linePos(r[0]).line } : {}
  }
  const anchors = new Set<string>()
  let firstAlias: number | undefined
  const stack: Frame[] = [{ node: root, depth: 0, within: [] }]
  while (stack.length > 0 && issues.length < 20) {
    const { node, depth, within } = stack.pop() as Frame
    if (node === null || node === undefined) continue
    if (isPair(node)) {
      const p = node as Pair
      if (isScalar(p.key) && p.key.value === RESERVED_KEY)
        issues.push(
          issue('yaml.reserved-key', `键 "${RESERVED_KEY}" 不允许（保留名）`, `the key "${RESERVED_KEY}" is not allowed (a reserved name)`, {
            file,
            ...lineOf(p.key),
          }),
        )
      stack.push({ node: p.value, depth, within }, { node: p.key, depth, within })
      continue
    }
    if (depth > maxDepth) {
      issues.push(issue('yaml.too-deep', `嵌套超过 ${maxDepth} 层`, `nesting deeper than ${maxDepth} levels`, { file, ...lineOf(node) }))
      break
    }
    const n = node as Node & { tag?: string; anchor?: string }
    if (n.tag !== undefined && !CORE_TAGS.has(n.tag))
      issues.push(
        issue(
          'yaml.tag',
          `不接受 YAML 标签 ${echo(n.tag.replace('tag:yaml.org,2002:', '!!'))}（不能用 !include、!!js/function 等标签）；请直接写出值`,
          `the YAML tag ${echo(n.tag.replace('tag:yaml.org,2002:', '!!'))} is not accepted (no tags such as !include or !!js/function); write the value itself`,
          { file, ...lineOf(n) },
        ),
      )
    if (isAlias(n)) {
      firstAlias ??= lineOf(n).line
      if (within.includes(n.source))
        issues.push(
          issue(
            'yaml.alias-recursive',
            `别名 *${n.source} 引用了包含它自身的节点（递归）`,
            `alias *${n.source} refers to a node that contains it (recursive)`,
            {
              file,
              ...lineOf(n),
            },
          ),
        )
      else if (!anchors.has(n.source))
        issues.push(
          issue('yaml.alias-unknown', `别名 *${n.source} 之前没有定义锚点 &${n.source}`, `alias *${n.source} has no anchor &${n.source} before it`, {
            file,
            ...lineOf(n),
          }),
        )
      continue
    }
    const inner = n.anchor ? [...within, n.anchor] : within
    if (n.anchor) anchors.add(n.anchor)
    if (isMap(n) || isSeq(n)) {
      const items = n.items as unknown[]
      for (let i = items.length - 1; i >= 0; i--) stack.push({ node: items[i], depth: depth + 1, within: inner })
    }
  }
  return { issues, ...(firstAlias !== undefined ? { firstAlias } : {}) }
}
