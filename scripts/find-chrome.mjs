// Finds a Chromium or Chrome for the tests, demo and benchmarks: $CHROME_PATH, then the usual
// names on PATH. On Debian as root with none present, ensureChrome() installs Debian's chromium;
// elsewhere it says exactly what to install.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** Flags for headless Chromium on this kind of machine (root, closed network, small /dev/shm). */
export const chromeArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

function onPath(name) {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The browser binary, or undefined. Debian's /usr/bin/chromium is a shell wrapper; the real binary skips its noise. */
export function findChrome() {
  if (process.env.CHROME_PATH && existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
  if (existsSync('/usr/lib/chromium/chromium')) return '/usr/lib/chromium/chromium';
  for (const name of CANDIDATES) {
    const found = onPath(name);
    if (found) return found;
  }
  return undefined;
}

const isDebian = () => existsSync('/etc/debian_version') || /debian/i.test(safeRead('/etc/os-release'));
const safeRead = (file) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

/** Returns a browser path, installing Debian's chromium when that is possible; exits with instructions when not. */
export function ensureChrome() {
  const found = findChrome();
  if (found) return found;
  if (isDebian() && process.getuid?.() === 0) {
    console.log("No Chromium found: installing Debian's chromium (apt-get install -y chromium)...");
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], { stdio: 'inherit' });
    const installed = findChrome();
    if (installed) return installed;
  }
  console.error(
    [
      'No Chromium or Chrome found. Install one, or point CHROME_PATH at it:',
      '  Debian/Ubuntu:  sudo apt-get install -y chromium   (Ubuntu: chromium-browser)',
      '  Fedora:         sudo dnf install -y chromium',
      '  macOS:          brew install --cask chromium   (or CHROME_PATH="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")',
      '  any system:     CHROME_PATH=/path/to/chrome npm test',
    ].join('\n'),
  );
  process.exit(1);
}
