// Starts WebKitWebDriver on a free port for the WebKit runs. MiniBrowser (WebKitGTK) has no headless
// mode, so the driver runs under xvfb-run and the browsers it opens get that virtual display; without a
// display, session creation hangs instead of failing, hence the timeouts here and in the launcher.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function answers(port) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/status`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Starts the driver (under xvfb-run when given) and resolves once it answers /status: { port, stop }.
 * The driver and its display are one process group, stopped together, also when node exits.
 */
export async function startWebkitDriver({ driver, xvfbRun }, timeoutMs = 30000) {
  const port = await freePort();
  const driverArgs = [`--port=${port}`, '--host=127.0.0.1'];
  const [command, args] = xvfbRun ? [xvfbRun, ['-a', '-s', '-screen 0 1280x1024x24', driver, ...driverArgs]] : [driver, driverArgs];
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'ignore', 'inherit'] });
  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = () => {
    if (exited) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', stop);
  const deadline = Date.now() + timeoutMs;
  while (!(await answers(port))) {
    if (exited || Date.now() > deadline) {
      stop();
      throw new Error(`WebKitWebDriver did not answer on port ${port} within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, stop };
}
