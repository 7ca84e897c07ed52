import { t, type Lang } from '../i18n'
import type { InventoryNotice } from './inventory-state'
import { IssueList } from './issue-list'

/** Show a notice about the inventory (restore failed, a link without its inventory, a link too large) until closed. */
export function InventoryNoticeBar({ notice, lang, onClose }: { notice?: InventoryNotice; lang: Lang; onClose: () => void }) {
  if (!notice) return null
  const text =
    notice.kind === 'restore-failed'
      ? t(lang, 'invRestoreFailed')
      : notice.kind === 'link-missing'
        ? t(lang, 'invLinkMissing')
        : notice.kind === 'link-refused'
          ? t(lang, 'invLinkRefused')
          : t(lang, 'invLinkTooLarge')
  const other = lang === 'zh' ? 'en' : 'zh'
  const detail =
    notice.kind === 'link-missing'
      ? `${notice.file} (${t(lang, 'invFingerprint')} ${notice.fingerprint}, ${notice.records.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US')} ${t(lang, 'records')})`
      : notice.kind === 'link-too-large'
        ? `${notice.file} (${(notice.compressed / 1024).toFixed(0)} kB)`
        : notice.file
  return (
    <div className="notice" role="status" data-testid="inventory-notice" data-kind={notice.kind}>
      {text} <b>{detail}</b>
      <div className="muted small">
        {notice.kind === 'restore-failed'
          ? t(other, 'invRestoreFailed')
          : notice.kind === 'link-missing'
            ? t(other, 'invLinkMissing')
            : notice.kind === 'link-refused'
              ? t(other, 'invLinkRefused')
              : t(other, 'invLinkTooLarge')}
      </div>
      {'issues' in notice ? <IssueList issues={notice.issues} lang={lang} /> : null}
      <button type="button" onClick={onClose} aria-label="close">
        ×
      </button>
    </div>
  )
}
