import { execFileSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { root } from '../../lib/paths';

/** The repository as committed: tracked files (as they are in the work tree) and new unignored ones, no installs or data. */
export function repositoryFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file && existsSync(path.join(root, file)));
}

/** Copies `files` (by default the whole repository, see repositoryFiles) into `to`. */
export function copyRepository(to: string, files = repositoryFiles()): void {
  for (const file of files) cpSync(path.join(root, file), path.join(to, file));
}
