import { useState } from 'react'
import type { Label } from '../../core'
import { t, type Lang, type StringKey } from '../i18n'
import type { SeedOrigin, UserScenario } from '../scenario-library-ops'
import { FileButton } from './file-button'

const ORIGIN_KEY: Record<SeedOrigin, StringKey> = {
  copy: 'seedByCopy',
  inventory: 'seedByInventory',
  region: 'seedByRegion',
  current: 'seedByCurrent',
}

/** Props of the user-scenario controls. */
export interface ScenarioLibraryBarProps {
  lang: Lang
  /** Title the "save as" form starts from (the plan on screen). */
  title: Label | undefined
  /** The user scenario on screen, if any. */
  current: UserScenario | undefined
  /** Title of the seed whose inventory the user scenario on screen runs on. */
  seedTitle: string
  onSaveAs: (title: Label) => void
  onImport: (file: File) => void
  onRename: (title: Label) => void
  onDelete: () => void
}

/** Offer "save as my scenario", "import scenario", and for a user scenario on screen: rename, delete, its inventory. */
export function ScenarioLibraryBar({ lang, title, current, seedTitle, onSaveAs, onImport, onRename, onDelete }: ScenarioLibraryBarProps) {
  const [form, setForm] = useState<{ mode: 'save' | 'rename'; zh: string; en: string }>()
  const openForm = (mode: 'save' | 'rename') => {
    const base = mode === 'rename' ? current?.scenario.title : title
    const suffix = mode === 'save' && !current ? { zh: t('zh', 'copySuffix'), en: t('en', 'copySuffix') } : { zh: '', en: '' }
    setForm({ mode, zh: `${base?.zh ?? ''}${suffix.zh}`, en: `${base?.en ?? ''}${suffix.en}` })
  }
  const valid = form !== undefined && form.zh.trim() !== '' && form.en.trim() !== ''
  return (
    <div className="scenario-library" data-testid="scenario-library">
      <button type="button" onClick={() => openForm('save')} disabled={!title} data-testid="save-as">
        {t(lang, 'saveAsMine')}
      </button>
      <FileButton label={t(lang, 'importScenario')} accept=".yaml,.yml,.json" testId="import-scenario" onFile={onImport} />
      {current ? (
        <>
          <button type="button" onClick={() => openForm('rename')} data-testid="rename-scenario">
            {t(lang, 'rename')}
          </button>
          <button
            type="button"
            onClick={() => {
              if (window.confirm(t(lang, 'deleteScenarioConfirm'))) onDelete()
            }}
            data-testid="delete-scenario"
          >
            {t(lang, 'deleteScenario')}
          </button>
          <span className="muted small" data-testid="user-seed">
            {t(lang, 'basedOn')} {seedTitle} · {t(lang, ORIGIN_KEY[current.seedBy])}
          </span>
        </>
      ) : null}
      {form ? (
        <form
          className="inline-form"
          data-testid="title-form"
          onSubmit={(e) => {
            e.preventDefault()
            if (!valid) return
            const label = { zh: form.zh.trim(), en: form.en.trim() }
            if (form.mode === 'save') onSaveAs(label)
            else onRename(label)
            setForm(undefined)
          }}
        >
          <label>
            <span>{t(lang, 'titleZh')}</span>
            <input value={form.zh} onChange={(e) => setForm({ ...form, zh: e.currentTarget.value })} data-testid="title-zh" />
          </label>
          <label>
            <span>{t(lang, 'titleEn')}</span>
            <input value={form.en} onChange={(e) => setForm({ ...form, en: e.currentTarget.value })} data-testid="title-en" />
          </label>
          <button type="submit" disabled={!valid} data-testid="title-save">
            {t(lang, 'save')}
          </button>
          <button type="button" onClick={() => setForm(undefined)}>
            {t(lang, 'cancel')}
          </button>
        </form>
      ) : null}
    </div>
  )
}
