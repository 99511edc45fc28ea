/**
 * The one error an import throws: a single sentence for the user, naming the line of the file (1-based)
 * and the reason where there is one. Imports check everything before anything is written, so a thrown
 * ImportError always means the store was left exactly as it was.
 */
export class ImportError extends Error {
  constructor(
    message: string,
    public line?: number,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}
