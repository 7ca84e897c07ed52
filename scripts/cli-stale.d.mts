/** Return the first source file changed after the built CLI, undefined when current, null when not built. */
export function staleSource(root: string, built?: string): string | null | undefined
/** What the built CLI is made of. */
export const CLI_SOURCES: { dirs: string[]; files: string[] }
