// Packs the built package the way `npm publish` would and installs the tarball into scratch apps kept
// under node_modules/.cache, so a rerun only swaps the tarball (the upstream packages stay installed).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CACHE = join(ROOT, 'node_modules/.cache/otel-browser-packaging');
const SOURCES = fileURLToPath(new URL('./', import.meta.url));

const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** `npm pack` of the current build into the cache; the file is named after its content hash. */
export function packBuild() {
  for (const file of ['dist/esm/index.js', 'dist/types/index.d.ts', 'dist/otel-browser.min.js']) {
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does).`);
  }
  mkdirSync(CACHE, { recursive: true });
  const [{ filename }] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', CACHE], ROOT));
  const packed = join(CACHE, filename);
  const hash = createHash('sha256').update(readFileSync(packed)).digest('hex').slice(0, 12);
  const name = `otel-browser-${hash}.tgz`;
  copyFileSync(packed, join(CACHE, name));
  for (const old of readdirSync(CACHE).filter((f) => f.endsWith('.tgz') && f !== name)) rmSync(join(CACHE, old));
  return name;
}

/**
 * Creates (or reuses) the app's folder, writes its package.json with `tarball` as the otel-browser
 * dependency and the app's sources, and runs `npm install`. Returns the app's folder.
 */
export function installApp(app, tarball) {
  const dir = join(CACHE, app.name);
  mkdirSync(dir, { recursive: true });
  const pkg = {
    name: `packaging-${app.name}`,
    private: true,
    type: 'module',
    dependencies: { ...app.dependencies, 'otel-browser': `file:../${tarball}` },
  };
  const manifest = `${JSON.stringify(pkg, null, 2)}\n`;
  const current = existsSync(join(dir, 'package.json')) ? readFileSync(join(dir, 'package.json'), 'utf8') : '';
  const installed = existsSync(join(dir, 'node_modules/otel-browser/package.json'));
  if (manifest !== current || !installed) {
    writeFileSync(join(dir, 'package.json'), manifest);
    // Engine warnings are expected on Node 20 (OpenTelemetry JS 3 declares Node >= 22.15); they are not failures.
    npm(['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'], dir);
  }
  for (const file of readdirSync(join(SOURCES, app.name))) copyFileSync(join(SOURCES, app.name, file), join(dir, file));
  for (const file of ['types-check.ts', 'bad-option.ts']) copyFileSync(join(SOURCES, file), join(dir, file));
  return dir;
}
