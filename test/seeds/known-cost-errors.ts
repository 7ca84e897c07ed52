/**
 * Seed measures whose template unit cost does not apply to the activity they select (`cost.activity`), by seed.
 * Empty since seed-evidence-2 fixed xianyang-2023 `runzhong-vocs` (a VOCs-treatment cost per t of coating applied to
 * a chemical plant's t of product). `test/optimize/seed-costs.test.ts` fails when this list and the seeds disagree.
 */
export const KNOWN_COST_ERRORS: Record<string, string[]> = {}
