import type { Label, MeasureCategory, MeasureKind, Scenario } from '../core'
import type { InventoryInfo } from './inventory'

/** A tunable parameter of a measure template, as the UI shows it. */
export interface ParamInfo {
  label: Label
  unit: string
  default: number
  min: number
  max: number
  /** The library's citation for the default (shown as the default's provenance). */
  source?: string
}

/** What the UI needs to know about a measure template. */
export interface TemplateInfo {
  id: string
  label: Label
  category: MeasureCategory
  kind: MeasureKind
  to?: string
  /** Technologies a switch/share measure of this template may move activity to (the default `to` first). */
  targets?: string[]
  params: Record<string, ParamInfo>
}

/** The loaded model library, summarised as plain data. */
export interface LibraryInfo {
  version: string
  files: number
  templates: Record<string, TemplateInfo>
  sectors: Record<string, Label>
  technologies: Record<string, Label>
}

/** A seed plan offered in the plan picker. */
export interface SeedInfo {
  id: string
  title: Label
}

/** A loaded seed: its scenario (defaults filled in), inventory summary and notes. */
export interface SeedLoad {
  id: string
  scenario: Scenario
  inventory: InventoryInfo
  sources?: string
  readme?: string
}
