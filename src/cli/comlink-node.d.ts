// Comlink's Node adapter ships its types as node-adapter.d.ts, which TypeScript does not pair with the .mjs file.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink'
  import type { MessagePort, Worker } from 'node:worker_threads'
  /** Wrap a Node MessagePort or Worker as a Comlink endpoint. */
  export default function nodeEndpoint(nep: MessagePort | Worker): Endpoint
}
