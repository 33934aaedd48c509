// The three browser engines the tests run in: which are wanted (--engines / OTEL_BROWSER_ENGINES), where
// each one's binaries are, and, on Debian as root, installing the missing ones with apt-get. Elsewhere a
// missing engine is named with what to install, and the engines present still run.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { findChrome } from './find-chrome.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

const MINIBROWSER_PATHS = [
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/libexec/webkit2gtk-4.1/MiniBrowser',
];

function onPath(name) {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const firstExisting = (paths) => paths.find((p) => p && existsSync(p));

/** Firefox binary: $FIREFOX_PATH, then Debian's ESR, then any `firefox` on PATH. */
export function findFirefox() {
  return firstExisting([process.env.FIREFOX_PATH]) ?? onPath('firefox-esr') ?? onPath('firefox');
}

/**
 * WebKit pieces: the WebDriver server, the MiniBrowser it drives, and xvfb-run for a display (MiniBrowser
 * has no headless mode). Undefined if any is missing; `missing` lists which.
 */
export function findWebkit() {
  const driver = firstExisting([process.env.WEBKIT_DRIVER_PATH]) ?? onPath('WebKitWebDriver');
  const browser = firstExisting([process.env.WEBKIT_BROWSER_PATH, ...MINIBROWSER_PATHS]);
  // A display already there (DISPLAY set) serves as well as a virtual one.
  const xvfbRun = onPath('xvfb-run');
  const display = xvfbRun || process.env.DISPLAY;
  const missing = [!driver && 'WebKitWebDriver', !browser && 'MiniBrowser', !display && 'xvfb-run'].filter(Boolean);
  return missing.length ? { missing } : { driver, browser, xvfbRun, missing };
}

/** Path(s) of one engine, or undefined when something is missing. */
export function findEngine(engine) {
  if (engine === 'chromium') return findChrome();
  if (engine === 'firefox') return findFirefox();
  const webkit = findWebkit();
  return webkit.missing.length ? undefined : webkit;
}

/** Engines asked for: `--engines a,b` (or `--engines=a,b`), else $OTEL_BROWSER_ENGINES, else all three. */
export function wantedEngines(argv = process.argv.slice(2), env = process.env) {
  let list = env.OTEL_BROWSER_ENGINES;
  argv.forEach((arg, i) => {
    if (arg === '--engines') list = argv[i + 1];
    else if (arg.startsWith('--engines=')) list = arg.slice('--engines='.length);
  });
  if (!list) return [...ENGINES];
  const asked = list
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  const unknown = asked.filter((e) => !ENGINES.includes(e));
  if (unknown.length) {
    console.error(`[otel-browser tests] unknown engine(s): ${unknown.join(', ')} (known: ${ENGINES.join(', ')})`);
    process.exit(2);
  }
  return asked;
}

const DEBIAN_PACKAGES = { chromium: ['chromium'], firefox: ['firefox-esr'], webkit: ['webkit2gtk-driver', 'xvfb', 'xauth'] };
const INSTRUCTIONS = {
  chromium: 'Debian/Ubuntu: apt-get install -y chromium (Ubuntu: chromium-browser); or CHROME_PATH=/path/to/chrome',
  firefox: 'Debian: apt-get install -y firefox-esr; elsewhere install Firefox or set FIREFOX_PATH',
  webkit: 'Debian/Ubuntu: apt-get install -y webkit2gtk-driver xvfb xauth (WebKitWebDriver + MiniBrowser + a virtual display)',
};

function isDebian() {
  if (existsSync('/etc/debian_version')) return true;
  try {
    return /debian/i.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

/**
 * Makes sure the wanted engines are there: installs the missing ones on Debian as root, else prints what
 * to install. Returns the engines that can run (possibly fewer than asked).
 */
export function ensureEngines(wanted) {
  const missing = wanted.filter((e) => !findEngine(e));
  if (missing.length && isDebian() && process.getuid?.() === 0) {
    const packages = missing.flatMap((e) => DEBIAN_PACKAGES[e]);
    console.log(`Installing the browsers the tests need: apt-get install -y ${packages.join(' ')}`);
    try {
      execFileSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(' ')}`], { stdio: 'inherit' });
    } catch {
      console.error('apt-get failed; running the engines that are present.');
    }
  }
  const available = wanted.filter((e) => findEngine(e));
  for (const engine of wanted.filter((e) => !available.includes(e))) {
    const detail = engine === 'webkit' ? ` (missing: ${findWebkit().missing.join(', ')})` : '';
    console.error(`[otel-browser tests] ${engine} not found${detail}, not run. ${INSTRUCTIONS[engine]}`);
  }
  return available;
}
