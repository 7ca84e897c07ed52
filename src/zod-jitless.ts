import { z } from 'zod'

// Zod 4 probes `new Function` when its first schemas are built, to decide whether to compile parsers. Under the
// app's strict CSP (no 'unsafe-eval') that probe is reported as a violation, so switch to the interpreter. This
// module must be the first import of each entry point (imports run in order, before any schema module).
z.config({ jitless: true })
