import { parseArgs } from 'node:util';
import { UsageError } from './errors';

type FlagSpec = Record<string, { type: 'string' | 'boolean' }>;

/** parseArgs, with its errors said in terms of this CLI's flags. */
export function readFlags(
  args: string[],
  options: FlagSpec,
  positionals = 0,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, options, strict: true, allowPositionals: positionals > 0 });
    if (parsed.positionals.length > positionals) throw new UsageError(`unexpected argument "${parsed.positionals[positionals] ?? ''}"`);
    return parsed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown)
      throw new UsageError(
        `unknown flag ${unknown[1]} (flags: ${Object.keys(options)
          .map((f) => `--${f}`)
          .join(', ')})`,
      );
    const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(message);
    if (missing) throw new UsageError(`${missing[1].split(',').pop()?.trim() ?? missing[1]} needs a value`);
    throw new UsageError(message);
  }
}
