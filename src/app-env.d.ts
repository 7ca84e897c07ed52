/// <reference types="vite/client" />

/** The app version from package.json, injected by vite.config.ts. */
declare const __APP_VERSION__: string

/** The bundled model library, parsed and validated at build time (scripts/library-plugin.ts). */
declare module 'virtual:lantian-library' {
  // An ambient module cannot import by a relative path; the type is only named here.
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports
  const spec: import('./core').LibrarySpec
  export default spec
}

/** The bundled seeds' scenarios, parsed at build time by id (scripts/library-plugin.ts). */
declare module 'virtual:lantian-seeds' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports
  const parsed: Record<string, import('./core').Result<import('./core').Scenario>>
  export default parsed
}
