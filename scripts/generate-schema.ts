// Write the JSON Schemas of every file format into schema/ (npm run schema).
import { main } from '../src/cli/main'

process.exitCode = main(['schema', '--out', 'schema'])
