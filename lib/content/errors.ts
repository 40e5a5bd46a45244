/** A content problem an editor can fix: it names the file, the field and what is expected. */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: field "${field}" ${problem}`);
    this.name = 'ContentError';
  }
}

/** Several problems at once, so an editor fixes them in one pass rather than one per build. */
export class ContentErrors extends Error {
  constructor(readonly errors: ContentError[]) {
    super(
      `Content is invalid (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n` +
        errors.map((e) => `  - ${e.message}`).join('\n'),
    );
    this.name = 'ContentErrors';
  }
}
