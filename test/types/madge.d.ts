// madge ships no types; the boundary test uses its API's circular() only.
declare module 'madge' {
  interface MadgeResult {
    circular(): string[][]
  }
  export default function madge(path: string, config?: { fileExtensions?: string[] }): Promise<MadgeResult>
}
