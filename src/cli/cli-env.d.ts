/** The app version from package.json, injected by vite.cli.config.ts into the built CLI. */
declare const __APP_VERSION__: string

/** The bundled model library, parsed and validated at build time (scripts/library-plugin.ts). */
declare module 'virtual:lantian-library' {
  // An ambient module cannot import by a relative path; the type is only named here.
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports
  const spec: import('../core').LibrarySpec
  export default spec
}

/** The bundled library's unit conversions, recorded at build time (scripts/library-plugin.ts). */
declare module 'virtual:lantian-unit-answers' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports
  const answers: import('../core').UnitAnswers
  export default answers
}
