import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs'
import { isAbsolute, join, relative, sep } from 'node:path'
import { fail, issue, ok, type Issue, type Result } from '../core'

/** Deepest folder level read under a models folder. */
export const MAX_WALK_DEPTH = 16
/** Most folder entries looked at under a models folder (files and folders together). */
export const MAX_WALK_ENTRIES = 5000

/** Tell whether `path` is `root` or inside it (both already resolved). */
export function isInside(root: string, path: string): boolean {
  const r = relative(root, path)
  return r === '' || (!r.startsWith(`..${sep}`) && r !== '..' && !isAbsolute(r))
}

/**
 * List the YAML/JSON files under a folder, sorted, with a bounded walk: at most MAX_WALK_DEPTH levels and
 * MAX_WALK_ENTRIES entries, each folder read once. A symbolic link is followed only when its target is inside the
 * folder; a link that leaves it, or leads back to a folder already on the way (a loop), is refused with its path,
 * so a models folder of link loops ends at once instead of running until memory is exhausted.
 */
export function listModelFiles(dir: string): Result<string[]> {
  let root: string
  try {
    root = realpathSync(dir)
  } catch {
    return fail([issue('file.missing', `找不到模型库目录 ${dir}`, `model directory ${dir} not found`, { file: dir })])
  }
  const files: string[] = []
  const issues: Issue[] = []
  let entries = 0
  const walk = (d: string, real: string, depth: number, onPath: readonly string[]): void => {
    if (depth > MAX_WALK_DEPTH) {
      issues.push(issue('models.too-deep', `模型库目录嵌套超过 ${MAX_WALK_DEPTH} 层`, `model folders nested deeper than ${MAX_WALK_DEPTH} levels`, { file: d }))
      return
    }
    for (const name of readdirSync(d).sort()) {
      if (issues.length > 0) return
      if (++entries > MAX_WALK_ENTRIES) {
        issues.push(
          issue('models.too-many', `模型库目录中的条目超过 ${MAX_WALK_ENTRIES} 个`, `more than ${MAX_WALK_ENTRIES} entries under the model folder`, {
            file: dir,
          }),
        )
        return
      }
      const p = join(d, name)
      const link = lstatSync(p)
      let target = p
      if (link.isSymbolicLink()) {
        try {
          target = realpathSync(p)
        } catch {
          issues.push(issue('models.link', `符号链接 ${p} 指向不存在的目标或形成循环`, `the symbolic link ${p} is broken or loops`, { file: p }))
          return
        }
        if (!isInside(root, target)) {
          issues.push(
            issue(
              'models.link-outside',
              `符号链接 ${p} 指向模型库目录之外，不予读取`,
              `the symbolic link ${p} leads outside the model folder; it is not read`,
              { file: p },
            ),
          )
          return
        }
      }
      const st = link.isSymbolicLink() ? statSync(target) : link
      if (st.isDirectory()) {
        if (onPath.includes(target) || target === real) {
          issues.push(
            issue('models.link-loop', `符号链接 ${p} 形成循环（指回上级目录）`, `the symbolic link ${p} makes a loop (it leads back to a folder above)`, {
              file: p,
            }),
          )
          return
        }
        walk(p, target, depth + 1, [...onPath, real])
      } else if (st.isFile() && /\.(ya?ml|json)$/i.test(name)) files.push(p)
    }
  }
  try {
    walk(dir, root, 0, [])
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'error'
    return fail([issue('file.unreadable', `无法读取模型库目录 ${dir}（${code}）`, `cannot read the model folder ${dir} (${code})`, { file: dir })])
  }
  return issues.length > 0 ? fail(issues) : ok(files)
}
