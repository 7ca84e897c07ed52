// Lantian's own ESLint rule: a plain object used as a map must not be read, written or tested with a key that is
// not known at compile time. `obj[key]` and `key in obj` on a `Record<string, T>` (or any string index signature)
// find Object.prototype's members for keys such as `constructor`, `toString` or `__proto__`, so a column or
// parameter with such a name crashed the reader or slipped past a check. Use a `Map`, or `own(obj, key)` /
// `Object.hasOwn(obj, key)` from `src/core/own.ts` for records that come from parsed files.
import ts from 'typescript'

/** Tell whether a type has a string index signature (a `Record<string, T>`-like map), arrays and tuples excepted. */
function hasStringIndex(checker, type) {
  if (type.isUnion()) return type.types.some((t) => hasStringIndex(checker, t))
  if (type.isIntersection()) return type.types.some((t) => hasStringIndex(checker, t))
  if (checker.isArrayType(type) || checker.isTupleType(type)) return false
  return checker.getIndexInfosOfType(type).some((info) => (info.keyType.flags & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral)) !== 0)
}

/** Tell whether every value a key expression can have is known at compile time (literals, numbers). */
function isStaticKey(type) {
  if (type.isUnion()) return type.types.every(isStaticKey)
  return (type.flags & (ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLike | ts.TypeFlags.EnumLike | ts.TypeFlags.UniqueESSymbol)) !== 0
}

/** @type {import('eslint').Rule.RuleModule} */
export const noProtoKeys = {
  meta: {
    type: 'problem',
    docs: { description: 'Look up keys from input in a Map or with own(), never by indexing a plain-object map' },
    messages: {
      index:
        'Indexing a plain-object map with a computed key reads Object.prototype for keys such as "constructor" or "__proto__": use a Map, or own()/Object.hasOwn() (src/core/own.ts).',
      in: '`key in obj` on a plain-object map is true for "constructor", "toString", …: use a Map, or Object.hasOwn().',
    },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices
    if (!services?.program) return {}
    const checker = services.program.getTypeChecker()
    const typeOf = (node) => checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node))
    return {
      MemberExpression(node) {
        if (!node.computed || node.property.type === 'Literal') return
        if (isStaticKey(typeOf(node.property))) return
        if (hasStringIndex(checker, typeOf(node.object))) context.report({ node, messageId: 'index' })
      },
      BinaryExpression(node) {
        if (node.operator !== 'in' || node.left.type === 'Literal' || node.left.type === 'PrivateIdentifier') return
        if (isStaticKey(typeOf(node.left))) return
        if (hasStringIndex(checker, typeOf(node.right))) context.report({ node, messageId: 'in' })
      },
    }
  },
}

export default { rules: { 'no-proto-keys': noProtoKeys } }
