// Boot problems a user can fix (bad configuration, Redis not running) end the process with one
// readable line and no stack trace; anything else is a bug and keeps its stack.
const USER_FIXABLE = new Set(['ConfigError', 'RedisUnavailableError']);

export function exitOnBootFailure(app: string): (error: unknown) => never {
  return (error: unknown): never => {
    if (error instanceof Error && USER_FIXABLE.has(error.name)) {
      process.stderr.write(`${app}: ${error.message}\n`);
    } else {
      process.stderr.write(`${app}: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exit(1);
  };
}
