import { fail, ok, parseScenario, ScenarioSchema, type Result, type Scenario } from '../core'

/**
 * Read a scenario that crossed from the app (an object) or came as YAML/JSON text. Fast path for the app's
 * objects: zod alone takes a fraction of a YAML parse with line positions; only an invalid scenario goes through
 * `parseScenario`, which locates each issue.
 */
export function scenarioOf(input: unknown): Result<Scenario> {
  if (typeof input === 'object' && input !== null) {
    const quick = ScenarioSchema.safeParse(input)
    if (quick.success) return ok(quick.data)
  }
  const text = typeof input === 'string' ? input : JSON.stringify(input)
  const r = parseScenario(text ?? '', typeof input === 'string' ? 'scenario.yaml' : 'scenario.json')
  return r.ok ? ok(r.value, r.warnings) : fail(r.issues)
}
