// web-test-runner plugin: starts the servers the browser tests talk to, and lets tests read what
// they received through `executeServerCommand`:
//   'servers'            -> { receiver, api, other } origins (each its own port: a cross-origin server)
//   'receiver-requests'  -> the POSTs the receiver got, spans decoded; { service?, match? } keeps those with a
//                           span of that service.name / a URL containing match
//   'receiver-faults'    -> queue scripted answers: { faults: [{ status, headers, match? }] } (match: only
//                           requests whose URL contains it, so parallel tests do not take each other's faults)
//   'receiver-down'      -> { match, down }: drop connections (network error) for URLs containing match
//   'api-requests'       -> every request the two API servers got, with headers
// The dev server itself also answers /otlp/v1/traces (a same-origin receiver for root-relative endpoints)
// and /echo (returns the request's headers), /raw/fixtures/<page>.html (a fixture without the dev
// server's WebSocket script), /slow?ms=N (answers after N ms), /csp/<fixture>
// (test/fixtures/csp-*.html under a strict Content-Security-Policy header, {{RECEIVER}} and {{SERVICE}}
// filled in), and /raw/dist/<file> (the built file byte for byte: the dev server's own pipeline rewrites
// JavaScript, which would break an SRI hash).
import { readFile } from 'node:fs/promises';
import { createApi } from './api.mjs';
import { listen } from './listen.mjs';
import { createReceiver } from './receiver.mjs';

export function otelTestServers() {
  const receiver = createReceiver();
  const sameOriginReceiver = createReceiver({ path: '/otlp/v1/traces' });
  const api = createApi();
  const other = createApi();
  const servers = {};
  let closers = [];

  return {
    name: 'otel-test-servers',
    async serverStart() {
      const started = await Promise.all([listen(receiver.handle), listen(api.handle), listen(other.handle)]);
      [servers.receiver, servers.api, servers.other] = started.map((s) => s.origin);
      closers = started.map((s) => s.close);
    },
    /** Koa middleware for the dev server (config.middleware): runs before its static files. */
    async middleware(ctx, next) {
      // Same-origin echo: answers with the request's headers, so tests see what the SDK added.
      if (ctx.path === '/echo') {
        ctx.body = { headers: ctx.request.headers };
        return;
      }
      const raw = /^\/raw\/dist\/([\w.-]+)$/.exec(ctx.path);
      if (raw) {
        ctx.type = raw[1].endsWith('.js') ? 'application/javascript' : 'text/plain';
        ctx.body = await readFile(new URL(`../../dist/${raw[1]}`, import.meta.url));
        return;
      }
      // A fixture page as it is: the dev server adds a WebSocket script to every HTML page it serves, and
      // Firefox keeps no page with an open WebSocket in its back/forward cache.
      const page = /^\/raw\/fixtures\/([\w-]+\.html)$/.exec(ctx.path);
      if (page) {
        ctx.type = 'html';
        ctx.body = await readFile(new URL(`../fixtures/${page[1]}`, import.meta.url));
        return;
      }
      const csp = /^\/csp\/(csp-[a-z0-9-]+\.html)$/.exec(ctx.path);
      if (csp) {
        const html = await readFile(new URL(`../fixtures/${csp[1]}`, import.meta.url), 'utf8');
        const service = String(ctx.query.service ?? '').replace(/[^\w.-]/g, '');
        ctx.set('Content-Security-Policy', `default-src 'self'; script-src 'self'; connect-src 'self' ${servers.receiver}`);
        ctx.type = 'html';
        ctx.body = html.replaceAll('{{RECEIVER}}', servers.receiver).replaceAll('{{SERVICE}}', service);
        return;
      }
      // Same-origin slow answer (?ms=...): a request that is surely still in flight when a test hides the page.
      if (ctx.path === '/slow') {
        await new Promise((resolve) => setTimeout(resolve, Math.min(Number(ctx.query.ms) || 1000, 30000)));
        ctx.body = 'slow';
        return;
      }
      if (ctx.path !== '/otlp/v1/traces') return next();
      ctx.respond = false;
      await sameOriginReceiver.handle(ctx.req, ctx.res);
    },
    async serverStop() {
      await Promise.all(closers.map((close) => close()));
    },
    executeCommand({ command, payload }) {
      const sources = { receiver, same: sameOriginReceiver };
      switch (command) {
        case 'servers':
          return servers;
        case 'receiver-requests': {
          // Filtered here, not in the page: the receiver keeps every request of the whole run, and sending
          // all of them to every poll of every test grew to megabytes per poll, slow enough under load to
          // run tests out of time.
          const source = sources[payload?.receiver ?? 'receiver'];
          const { service, match } = payload ?? {};
          return source.requests
            .filter((r) => (!match || r.url?.includes(match)) && (!service || r.spans.some((s) => s.resource['service.name'] === service)))
            .map(({ headers, ...rest }) => ({ ...rest, headers: { ...headers } }));
        }
        case 'receiver-faults':
          sources[payload?.receiver ?? 'receiver'].faults.push(...payload.faults);
          return true;
        case 'receiver-down': {
          const { down } = sources[payload?.receiver ?? 'receiver'];
          if (payload.down) down.add(payload.match);
          else down.delete(payload.match);
          return true;
        }
        case 'api-requests':
          return { api: api.requests, other: other.requests, preflights: [...api.preflights, ...other.preflights] };
        default:
          return undefined;
      }
    },
  };
}
