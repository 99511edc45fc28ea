/** The text of an error, for a message the user reads. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
