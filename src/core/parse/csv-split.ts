/** A quote problem found while splitting, with the index of the row it belongs to (0-based, blank rows counted). */
export interface CsvQuoteError {
  code: 'MissingQuotes' | 'InvalidQuotes'
  row: number
}

/**
 * Split CSV text (line breaks already `\n`, no BOM) into rows of cells, with papaparse 5's exact rules (commas,
 * `"` quotes, doubled quotes, blanks between a closing quote and the next comma or line break, its error recovery),
 * because the bad-input corpus pins the rows its quote errors name. This is the slow, string-per-cell path that
 * the fast reader falls back to for anything unusual; a property test compares it with papaparse itself.
 */
export function splitCsv(input: string): { data: string[][]; errors: CsvQuoteError[] } {
  const data: string[][] = []
  const errors: CsvQuoteError[] = []
  if (!input) return { data, errors }
  const inputLen = input.length
  if (input.indexOf('"') === -1) {
    for (const line of input.split('\n')) data.push(line.split(','))
    return { data, errors }
  }
  const unescape = (s: string) => s.replace(/""/g, '"')
  let cursor = 0
  let row: string[] = []
  let nextDelim = input.indexOf(',', cursor)
  let nextNewline = input.indexOf('\n', cursor)
  let quoteSearch = 0
  const finish = (value?: string) => {
    row.push(value ?? input.substring(cursor))
    cursor = inputLen
    data.push(row)
    return { data, errors }
  }
  const saveRow = (newCursor: number) => {
    cursor = newCursor
    data.push(row)
    row = []
    nextNewline = input.indexOf('\n', cursor)
  }
  // Blanks between a closing quote and `index` are allowed (papaparse's extraSpaces).
  const extraSpaces = (index: number) => {
    if (index === -1) return 0
    const between = input.substring(quoteSearch + 1, index)
    return between && between.trim() === '' ? between.length : 0
  }
  for (;;) {
    if (input[cursor] === '"') {
      quoteSearch = cursor
      cursor++
      for (;;) {
        quoteSearch = input.indexOf('"', quoteSearch + 1)
        if (quoteSearch === -1) {
          errors.push({ code: 'MissingQuotes', row: data.length })
          return finish()
        }
        if (quoteSearch === inputLen - 1) return finish(unescape(input.substring(cursor, quoteSearch)))
        if (input[quoteSearch + 1] === '"') {
          quoteSearch++
          continue
        }
        if (nextDelim !== -1 && nextDelim < quoteSearch + 1) nextDelim = input.indexOf(',', quoteSearch + 1)
        if (nextNewline !== -1 && nextNewline < quoteSearch + 1) nextNewline = input.indexOf('\n', quoteSearch + 1)
        const checkUpTo = nextNewline === -1 ? nextDelim : Math.min(nextDelim, nextNewline)
        const toDelim = extraSpaces(checkUpTo)
        if (input.substr(quoteSearch + 1 + toDelim, 1) === ',') {
          row.push(unescape(input.substring(cursor, quoteSearch)))
          cursor = quoteSearch + 1 + toDelim + 1
          if (nextDelim !== -1 && nextDelim < cursor) nextDelim = input.indexOf(',', cursor)
          if (nextNewline !== -1 && nextNewline < cursor) nextNewline = input.indexOf('\n', cursor)
          break
        }
        const toNewline = extraSpaces(nextNewline)
        if (input.substring(quoteSearch + 1 + toNewline, quoteSearch + 2 + toNewline) === '\n') {
          row.push(unescape(input.substring(cursor, quoteSearch)))
          saveRow(quoteSearch + 2 + toNewline)
          if (nextDelim !== -1 && nextDelim < cursor) nextDelim = input.indexOf(',', cursor)
          break
        }
        errors.push({ code: 'InvalidQuotes', row: data.length })
        quoteSearch++
      }
      continue
    }
    if (nextDelim !== -1 && (nextDelim < nextNewline || nextNewline === -1)) {
      row.push(input.substring(cursor, nextDelim))
      cursor = nextDelim + 1
      nextDelim = input.indexOf(',', cursor)
      continue
    }
    if (nextNewline !== -1) {
      row.push(input.substring(cursor, nextNewline))
      saveRow(nextNewline + 1)
      continue
    }
    break
  }
  return finish()
}
