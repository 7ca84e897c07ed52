// Worker-thread entry: register tsx so the TypeScript worker module can load (a .ts entry cannot be a worker directly).
import { register } from 'tsx/esm/api'

register()
await import('./draw-thread.ts')
