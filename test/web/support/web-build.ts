import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const web = join(root, 'web');
const handler = join(web, 'build', 'handler.js');
const lock = join(web, '.build-lock');

/** Builds web/ (npm run build:web) when web/build is missing or older than any source, once across test workers. */
export async function ensureWebBuild(): Promise<void> {
  if (isFresh()) return;
  try {
    mkdirSync(lock);
  } catch {
    // another test worker is building: wait for it rather than building twice at once
    while (existsSync(lock)) await new Promise((resolve) => setTimeout(resolve, 250));
    if (isFresh()) return;
    throw new Error('the dashboard build by another test worker failed: run npm run build:web to see why');
  }
  try {
    const result = spawnSync('npm', ['run', '-s', 'build:web'], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`npm run build:web failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function isFresh(): boolean {
  if (!existsSync(handler)) return false;
  const built = statSync(handler).mtimeMs;
  return newest([join(web, 'src'), join(web, 'svelte.config.js'), join(web, 'vite.config.ts')]) <= built;
}

function newest(paths: string[]): number {
  let latest = 0;
  for (const path of paths) {
    const stat = statSync(path);
    latest = Math.max(latest, stat.isDirectory() ? newest(readdirSync(path).map((name) => join(path, name))) : stat.mtimeMs);
  }
  return latest;
}
