/** Show a button that opens a file chooser and hands the chosen file on (the same file can be chosen again). */
export function FileButton({ label, accept, testId, onFile }: { label: string; accept: string; testId: string; onFile: (f: File) => void }) {
  return (
    <label className="file-btn">
      {label}
      <input
        type="file"
        accept={accept}
        data-testid={testId}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0]
          if (f) onFile(f)
          // Cleared so that choosing the same file again (after fixing it) fires another change.
          e.currentTarget.value = ''
        }}
      />
    </label>
  )
}
