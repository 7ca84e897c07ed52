import { useState } from 'react'
import { downloadScenario } from '../exports'
import { pick, t } from '../i18n'
import type { PlanActions } from '../state/plan-actions'
import type { AppState, PlanStore } from '../state/plan-store'
import type { UserLibrary } from '../state/user-library'
import type { UserScenario } from '../scenario-library-ops'
import { FileButton } from './file-button'
import { ScenarioLibraryBar } from './scenario-library-bar'

/** Props of the toolbar. */
export interface ToolbarProps {
  state: AppState
  store: PlanStore
  actions: PlanActions
  users: UserLibrary
  /** The user scenario on screen, if any. */
  current: UserScenario | undefined
  comparing: boolean
  onCompare(): void
}

/** Show the inventory in use and the plan's actions: import, undo/redo/reset, exports, share, compare, my scenarios. */
export function Toolbar({ state, store, actions, users, current, comparing, onCompare }: ToolbarProps) {
  const [shareLink, setShareLink] = useState<string>()
  const { lang, seed, view, history, seeds } = state
  const scenario = history?.present
  const inv = view?.inventory ?? seed?.inventory
  const basePlan = current?.original ?? seed?.scenario
  return (
    <div className="toolbar">
      <span className="inventory-info" data-testid="inventory-info" title={inv?.name ?? ''}>
        {t(lang, 'inventory')}: {inv?.name ?? inv?.file ?? '—'} · {inv?.year} · {inv?.records} {t(lang, 'records')}
      </span>
      <FileButton
        label={t(lang, 'importInventory')}
        accept=".csv,.txt,.xlsx,.json,.yaml,.yml"
        testId="import-inventory"
        onFile={(f) => void actions.importInventory(f)}
      />
      <span className="sep" />
      <button type="button" onClick={store.undo} disabled={!history?.past.length} data-testid="undo" title="Ctrl+Z">
        ↶ {t(lang, 'undo')}
      </button>
      <button type="button" onClick={store.redo} disabled={!history?.future.length} data-testid="redo" title="Ctrl+Y">
        ↷ {t(lang, 'redo')}
      </button>
      <button type="button" onClick={() => basePlan && store.edit(() => basePlan, 'reset')} disabled={!seed} data-testid="reset">
        {t(lang, 'reset')}
      </button>
      <span className="sep" />
      <button type="button" onClick={() => void actions.exportCsv('emissions')} disabled={!view} data-testid="export-csv">
        {t(lang, 'exportCsv')}
      </button>
      <button type="button" onClick={() => void actions.exportCsv('measures')} disabled={!view} data-testid="export-csv-measures">
        {t(lang, 'exportCsvMeasures')}
      </button>
      <button type="button" onClick={() => void actions.exportXlsx()} disabled={!view} data-testid="export-xlsx">
        {t(lang, 'exportXlsx')}
      </button>
      <button type="button" onClick={() => scenario && downloadScenario(scenario, 'yaml')} disabled={!scenario} data-testid="export-yaml">
        {t(lang, 'exportYaml')}
      </button>
      <button type="button" onClick={() => scenario && downloadScenario(scenario, 'json')} disabled={!scenario} data-testid="export-json">
        {t(lang, 'exportJson')}
      </button>
      <span className="sep" />
      <button type="button" onClick={() => setShareLink(actions.share())} disabled={!scenario} data-testid="share">
        🔗 {t(lang, 'share')}
      </button>
      {shareLink ? <input className="share-link" readOnly value={shareLink} data-testid="share-link" onFocus={(e) => e.currentTarget.select()} /> : null}
      <span className="sep" />
      <button type="button" className={comparing ? 'on' : ''} onClick={onCompare} disabled={!view} data-testid="compare">
        {comparing ? t(lang, 'closeCompare') : t(lang, 'compare')}
      </button>
      <ScenarioLibraryBar
        lang={lang}
        title={scenario?.title}
        current={current}
        seedTitle={pick(lang, seeds.find((s) => s.id === seed?.id)?.title)}
        onSaveAs={(title) => void actions.saveAs(title)}
        onImport={(f) => void actions.importScenario(f)}
        onRename={(title) => store.edit((s) => ({ ...s, title }), `rename:${Date.now()}`)}
        onDelete={() => {
          if (!current) return
          void users.remove(current.key).then(() => actions.choosePlan(current.seed))
        }}
      />
    </div>
  )
}
