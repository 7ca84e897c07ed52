import { create, parseDependencies, type MathNode } from 'mathjs'
import { fastParse, type ExprNode } from './fast-parse'

let parser: ((source: string) => MathNode) | undefined

/**
 * Parse an expression with mathjs's parser, from an instance holding only the parser and what it depends on,
 * made on first use. The same parser as mathjs's `parse` export, but that export comes from mathjs's default
 * instance, which creates every one of its functions (and their transforms) as soon as the module loads: about
 * 0.1 s of the simulator worker's start, for functions the core never calls.
 */
export function parseMath(source: string): MathNode {
  parser ??= create({ parseDependencies: parseDependencies as NonNullable<typeof parseDependencies> }).parse
  return parser(source)
}

/**
 * Parse an expression: with `fastParse` when the text keeps to what Lantian's expressions use (the same tree as
 * mathjs's, without creating mathjs's parser), else with mathjs's parser (its tree, or its error, thrown).
 */
export function parseExpression(source: string): ExprNode | MathNode {
  return fastParse(source) ?? parseMath(source)
}
