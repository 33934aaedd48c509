// A headless browser for the end-to-end tests, the demo's --headless mode and other Node scripts:
// Chromium or Firefox, both through puppeteer-core (Chromium over CDP, Firefox over WebDriver BiDi),
// so callers use one page API for either engine. (WebKit has no such driver here: it runs in the
// web-test-runner suite through WebKitWebDriver.)
import puppeteer from 'puppeteer-core';
import { findEngine } from './engines.mjs';
import { chromeArgs } from './find-chrome.mjs';

/** Engines this module can launch. */
export const NODE_ENGINES = ['chromium', 'firefox'];

/**
 * Engines to use from $OTEL_BROWSER_ENGINES (or `fallback`), keeping those launchable here and present
 * on this machine.
 */
export function nodeEngines(fallback = NODE_ENGINES) {
  const asked = process.env.OTEL_BROWSER_ENGINES ? process.env.OTEL_BROWSER_ENGINES.split(',').map((e) => e.trim()) : fallback;
  return asked.filter((e) => NODE_ENGINES.includes(e) && findEngine(e));
}

/** Launches `engine` headless; throws if it is not installed. */
export async function launchBrowser(engine = 'chromium') {
  const executablePath = findEngine(engine);
  if (!executablePath) throw new Error(`${engine} not found (see scripts/engines.mjs for what to install)`);
  if (engine === 'firefox') return puppeteer.launch({ browser: 'firefox', executablePath, headless: true });
  if (engine === 'chromium') return puppeteer.launch({ executablePath, args: chromeArgs, headless: true });
  throw new Error(`cannot launch ${engine} from Node here (chromium or firefox)`);
}
