import type { ESLint, Rule } from 'eslint'

/** The rule, for tests. */
export declare const noProtoKeys: Rule.RuleModule
/** The plugin that eslint.config.js registers as `lantian`. */
declare const plugin: ESLint.Plugin & { rules: { 'no-proto-keys': Rule.RuleModule } }
export default plugin
