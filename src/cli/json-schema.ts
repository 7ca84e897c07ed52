import { z } from 'zod'
import { ChecksFileSchema, InventoryFileSchema, MeasuresFileSchema, ScenarioSchema, SectorsFileSchema, TechnologiesFileSchema, UnitsFileSchema } from '../core'

/** The JSON Schemas published in schema/, generated from the zod schemas (the single source of truth). */
export function jsonSchemas(): Record<string, unknown> {
  const gen = (s: z.ZodType, title: string) => ({ title, ...z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) })
  return {
    'scenario.schema.json': gen(ScenarioSchema, 'Lantian scenario'),
    'inventory.schema.json': gen(InventoryFileSchema, 'Lantian inventory (JSON form)'),
    'technologies.schema.json': gen(TechnologiesFileSchema, 'Lantian technologies'),
    'measures.schema.json': gen(MeasuresFileSchema, 'Lantian measure templates'),
    'sectors.schema.json': gen(SectorsFileSchema, 'Lantian sector tree'),
    'units.schema.json': gen(UnitsFileSchema, 'Lantian units and aliases'),
    'checks.schema.json': gen(ChecksFileSchema, 'Lantian seed checks'),
  }
}
