/** A mistake in how the CLI was called: exit code 2 with the usage hint. */
export class UsageError extends Error {}
