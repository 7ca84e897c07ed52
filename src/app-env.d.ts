/// <reference types="vite/client" />

/** The app version from package.json, injected by vite.config.ts. */
declare const __APP_VERSION__: string

/** The bundled model library, parsed and validated at build time (scripts/library-plugin.ts). */
declare module 'virtual:lantian-library' {
  const spec: import('./core').LibrarySpec
  export default spec
}
