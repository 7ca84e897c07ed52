import { t } from '../i18n'
import type { AppState, PlanStore } from '../state/plan-store'
import type { UserLibrary, UserLibrarySnapshot } from '../state/user-library'
import type { InventoryState } from './inventory-state'
import { InventoryNoticeBar } from './inventory-notice'
import { IssueList } from './issue-list'

/** Show what the app must tell until dismissed: an import's issues, unreadable or conflicting saves, a worker restart. */
export function Notices({
  state,
  store,
  users,
  userSnap,
  inventory,
}: {
  state: AppState
  store: PlanStore
  users: UserLibrary
  userSnap: UserLibrarySnapshot
  inventory: InventoryState
}) {
  const { lang, scenarioIssues, inventoryIssues, notices } = state
  const dismiss = (patch: Partial<AppState['notices']>) => store.set({ notices: { ...store.get().notices, ...patch } })
  const close = (onClick: () => void) => (
    <button type="button" onClick={onClick} aria-label="close">
      ×
    </button>
  )
  return (
    <>
      {scenarioIssues.length > 0 ? (
        <div className="notice" role="status" data-testid="scenario-import-notice">
          {scenarioIssues.some((i) => i.severity !== 'warning') ? `${t(lang, 'importFailed')} ` : ''}
          {close(() => store.set({ scenarioIssues: [] }))}
          <IssueList issues={scenarioIssues} lang={lang} testId="scenario-import-issues" />
        </div>
      ) : null}
      {userSnap.corrupt.length > 0 ? (
        <div className="notice" role="status" data-testid="corrupt-user-notice">
          {t(lang, 'corruptUser')} {userSnap.corrupt.join(', ')} {close(users.dismissCorrupt)}
        </div>
      ) : null}
      {userSnap.conflict ? (
        <div className="notice" role="status" data-testid="conflict-user-notice">
          {t(lang, 'conflictSaved')} {userSnap.conflict} {close(users.dismissConflict)}
        </div>
      ) : null}
      <IssueList issues={inventoryIssues} lang={lang} testId="inventory-issues" />
      {notices.corrupt.length > 0 ? (
        <div className="notice" role="status" data-testid="corrupt-notice">
          {t(lang, 'corruptSaved')} {notices.corrupt.join(', ')} {close(() => dismiss({ corrupt: [] }))}
        </div>
      ) : null}
      {notices.conflict ? (
        <div className="notice" role="status" data-testid="conflict-notice">
          {t(lang, 'conflictSaved')} {notices.conflict} {close(() => dismiss({ conflict: undefined }))}
        </div>
      ) : null}
      {notices.workerRestarted ? (
        <div className="notice" role="status" data-testid="worker-restarted">
          {t(lang, 'workerRestarted')} {close(() => dismiss({ workerRestarted: undefined }))}
        </div>
      ) : null}
      <InventoryNoticeBar notice={inventory.notice} lang={lang} onClose={inventory.dismiss} />
    </>
  )
}
