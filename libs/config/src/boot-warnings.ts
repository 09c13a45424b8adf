import type { AppConfig } from './app-config';

/**
 * Development mode says so at every boot, on stderr, in a banner no one can miss in a terminal
 * or a log viewer (one line per warning, each tagged, so a log search finds them too).
 */
export function announceBootWarnings(app: string, config: AppConfig, write: (text: string) => void = (t) => process.stderr.write(t)): void {
  if (config.bootWarnings.length === 0) return;
  const rule = '!'.repeat(100);
  const lines = config.bootWarnings.map((warning) => `${app}: WARNING ${warning}`);
  write(`${rule}\n${lines.join('\n')}\n${rule}\n`);
}
