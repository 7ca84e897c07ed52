import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { jsonSchemas } from '../../src/cli/json-schema'

describe('published JSON Schemas', () => {
  it('match the zod schemas (run `npm run schema` after changing a format)', () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      const onDisk = JSON.parse(readFileSync(join(import.meta.dirname, '../../schema', name), 'utf8'))
      expect(onDisk, name).toEqual(JSON.parse(JSON.stringify(schema)))
    }
  })
})
