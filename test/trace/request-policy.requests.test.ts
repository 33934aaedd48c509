import { context, createTraceState, propagation, trace } from '@opentelemetry/api';
import { expect } from 'chai';
import { PROBLEMS, resolveConfig } from '../../src/config';
import type { Config } from '../../src/config';
import { init } from '../../src/index';
import { apiRequests, parseTraceparent, receiverRequests } from '../support/helpers';
import { useSdk } from '../support/sdk';
import { spyOnStorage } from '../support/privacy-storage-spy';

const page = 'https://shop.example.com/';
const valid = { endpoint: 'https://collector.example.com/v1/traces', serviceName: 'shop-web' };

describe('propagateTo validation', () => {
  const refused: [string, unknown, string][] = [
    ['"*"', ['*'], PROBLEMS.matchesEverything('propagateTo', '*')],
    ['a match-all RegExp', [/.*/], PROBLEMS.matchesEverything('propagateTo', /.*/)],
    ['an unanchored catch-all RegExp', [/^https?:/], PROBLEMS.matchesEverything('propagateTo', /^https?:/)],
    ['a scheme-prefix RegExp', [/^https:\/\//], PROBLEMS.matchesEverything('propagateTo', /^https:\/\//)],
    ['an https-only prefix RegExp', [/^https:/], PROBLEMS.matchesEverything('propagateTo', /^https:/)],
    ['a global match-all RegExp (lastIndex cannot hide it)', [/.*/g], PROBLEMS.matchesEverything('propagateTo', /.*/g)],
    ['a sticky match-all RegExp', [/.*/y], PROBLEMS.matchesEverything('propagateTo', /.*/y)],
    ['a match-all origin RegExp ending with $', [/^https?:\/\/.*$/], PROBLEMS.matchesEverything('propagateTo', /^https?:\/\/.*$/)],
    ['an unanchored host RegExp', [/example\.com/], PROBLEMS.unanchored('propagateTo', /example\.com/)],
    ['an alternative without $', [/a\.example\.com$|b\.example\.com/], PROBLEMS.unanchored('propagateTo', /a\.example\.com$|b\.example\.com/)],
    ['a host wildcard', ['https://*.example.com'], PROBLEMS.wildcardHost('propagateTo', 'https://*.example.com')],
    ['a bare host', ['api.example.com'], PROBLEMS.urlPattern('propagateTo', 'api.example.com')],
  ];
  for (const [label, propagateTo, problem] of refused) {
    it(`refuses ${label} with a message naming it`, () => {
      const result = resolveConfig({ ...valid, propagateTo }, page);
      expect(!result.ok && result.problems).to.deep.equal([problem]);
    });
  }

  it('accepts anchored origin RegExps, also with alternatives, groups and escaped dollars', () => {
    const result = resolveConfig(
      { ...valid, propagateTo: [/\.example\.com$/, /^https:\/\/(api|auth)\.example\.com(:\d+)?$/, /^https:\/\/a\.test$|^https:\/\/b\.test$/] },
      page,
    );
    expect(result.ok).to.equal(true);
    expect(resolveConfig({ ...valid, propagateTo: [/\.example\.com\$/] }, page).ok).to.equal(false);
  });

  it('suggests, for a host wildcard, a RegExp that it accepts and that grants only that domain', () => {
    const message = PROBLEMS.wildcardHost('propagateTo', 'https://*.example.com');
    const source = /such as \/(.+)\/$/.exec(message)?.[1];
    expect(source, message).to.equal('^https:\\/\\/[^/]+\\.example\\.com$');
    const suggested = new RegExp(source!);
    expect(resolveConfig({ ...valid, propagateTo: [suggested] }, page).ok).to.equal(true);
    expect(['https://api.example.com', 'https://example.com.evil.test', 'http://api.example.com'].map((origin) => suggested.test(origin))).to.deep.equal([
      true,
      false,
      false,
    ]);
  });

  it('says how to force it', () => {
    expect(PROBLEMS.matchesEverything('propagateTo', '*')).to.equal(
      'propagateTo entry "*" would match every URL and send trace headers everywhere; list the origins instead (or set allowPropagateToAll: true)',
    );
  });

  it('accepts match-all entries only with allowPropagateToAll: true', () => {
    const forced = resolveConfig({ ...valid, propagateTo: ['*', /.*/], allowPropagateToAll: true }, page);
    expect(forced.ok).to.equal(true);
    const flag = resolveConfig({ ...valid, propagateTo: ['*'], allowPropagateToAll: 'yes' }, page);
    expect(!flag.ok && flag.problems).to.deep.equal(['allowPropagateToAll must be true or false; got "yes"', PROBLEMS.matchesEverything('propagateTo', '*')]);
  });
});

describe('what goes out with requests', () => {
  const sdk = useSdk('privacy-propagation');

  function start(extra: Partial<Config> = {}): void {
    sdk.start({ propagateTo: [sdk.servers.api], instrumentations: { documentLoad: false }, ...extra });
  }

  it('with allowPropagateToAll and "*" every origin gets traceparent', async () => {
    start({ propagateTo: ['*'], allowPropagateToAll: true });
    await fetch(`${sdk.servers.other}/items?id=forced-all`);
    const request = (await apiRequests()).other.find((r) => r.query.id === 'forced-all')!;
    expect(parseTraceparent(request.headers.traceparent)).to.not.equal(undefined);
  });

  it('a propagateTo RegExp grants only the origin it matches, never another origin by its path, query or fragment', async () => {
    const port = new URL(sdk.servers.api).port;
    // Ends with the API's port: tested against a full URL it would match each of the other URLs below.
    start({ propagateTo: [new RegExp(`:${port}$`)] });
    await fetch(`${sdk.servers.api}/items?id=regexp-origin`);
    await fetch(`${sdk.servers.other}/items?id=regexp-query&p=:${port}`);
    await fetch(`${sdk.servers.other}/items/:${port}?id=regexp-path`).catch(() => undefined);
    await fetch(`${sdk.servers.other}/items?id=regexp-fragment#:${port}`);
    const { api, other } = await apiRequests();
    expect(parseTraceparent(api.find((r) => r.query.id === 'regexp-origin')!.headers.traceparent)).to.not.equal(undefined);
    const leaked = other.filter((r) => String(r.query.id).startsWith('regexp-'));
    expect(leaked.length).to.be.at.least(2);
    for (const request of leaked) expect(request.headers.traceparent, String(request.query.id)).to.equal(undefined);
  });

  it('a propagateTo function is given the origin alone', async () => {
    const seen: string[] = [];
    start({ propagateTo: (origin) => (seen.push(origin), origin === sdk.servers.api) });
    await fetch(`${sdk.servers.api}/items?id=function-origin`);
    await fetch(`${sdk.servers.other}/items?id=function-other&u=${encodeURIComponent(sdk.servers.api)}`);
    const { api, other } = await apiRequests();
    expect(parseTraceparent(api.find((r) => r.query.id === 'function-origin')!.headers.traceparent)).to.not.equal(undefined);
    expect(other.find((r) => r.query.id === 'function-other')!.headers.traceparent).to.equal(undefined);
    expect(seen).to.deep.equal([sdk.servers.api, sdk.servers.other]);
  });

  it('in debug mode names each cross-origin server that got no header, once per origin', async () => {
    const lines: string[] = [];
    const { debug } = console;
    console.debug = (...args: unknown[]) => lines.push(args.map(String).join(' '));
    try {
      start({ debug: true });
      await fetch(`${sdk.servers.other}/items?id=hint-1`);
      await fetch(`${sdk.servers.other}/items?id=hint-2`);
      await new Promise((resolve) => {
        const xhr = new XMLHttpRequest();
        xhr.open('GET', `${sdk.servers.other}/items?id=hint-3`);
        xhr.onloadend = resolve;
        xhr.send();
      });
      await fetch(`${sdk.servers.api}/items?id=hint-allowed`);
      await fetch('/echo?id=hint-same');
    } finally {
      console.debug = debug;
    }
    const hints = lines.filter((line) => line.includes('no trace header sent to'));
    expect(hints).to.deep.equal([
      `[otel-browser] no trace header sent to ${sdk.servers.other}: not the page's origin and not in propagateTo (add it there if that server should join the trace)`,
    ]);
  });

  it('sends no tracestate or baggage unless configured; propagateBaggage sends baggage where traceparent goes', async () => {
    const withBaggage = () => propagation.setBaggage(context.active(), propagation.createBaggage({ 'user.id': { value: 'u-42' } }));
    start();
    await context.with(withBaggage(), () => fetch(`${sdk.servers.api}/items?id=no-baggage`));
    await sdk.otel!.shutdown();
    start({ propagateBaggage: true });
    await context.with(withBaggage(), () => Promise.all([fetch(`${sdk.servers.api}/items?id=baggage`), fetch(`${sdk.servers.other}/items?id=baggage-other`)]));
    const { api, other } = await apiRequests();
    const plain = api.find((r) => r.query.id === 'no-baggage')!;
    expect(parseTraceparent(plain.headers.traceparent)).to.not.equal(undefined);
    expect(plain.headers.tracestate).to.equal(undefined);
    expect(plain.headers.baggage).to.equal(undefined);
    expect(api.find((r) => r.query.id === 'baggage')!.headers.baggage).to.equal('user.id=u-42');
    expect(other.find((r) => r.query.id === 'baggage-other')!.headers.baggage).to.equal(undefined);
  });

  it('tracestate goes out only when the active context carries one (the SDK creates none)', async () => {
    start();
    const parent = trace.getTracer('app').startSpan('parent');
    const withState = trace.setSpanContext(context.active(), { ...parent.spanContext(), traceState: createTraceState('vendor=abc') });
    await context.with(withState, () => fetch(`${sdk.servers.api}/items?id=with-state`));
    parent.end();
    expect((await apiRequests()).api.find((r) => r.query.id === 'with-state')!.headers.tracestate).to.equal('vendor=abc');
  });

  it('exports to a cross-origin collector without cookies or credentials, and reads no cookie', async () => {
    document.cookie = 'privacy_test=c-123; path=/';
    const storage = spyOnStorage();
    try {
      start();
      await fetch('/echo?id=credentials');
      await sdk.otel!.forceFlush();
      await sdk.spans((all) => all.some((x) => String(x.attributes['url.full']).includes('id=credentials')));
    } finally {
      storage.restore();
    }
    // The receiver answers CORS without Access-Control-Allow-Credentials: a credentialed export would
    // have been blocked by the browser, so spans arriving at all shows credentials were omitted.
    for (const request of await receiverRequests(sdk.service)) {
      expect(request.headers.cookie).to.equal(undefined);
      expect(request.headers.authorization).to.equal(undefined);
    }
    expect(storage.cookieReads).to.equal(0);
    // Storage: only the SDK's own entries (its session and its store of unsent batches), nothing else.
    expect(storage.writes.filter((write) => !write.includes('otel-browser'))).to.deep.equal([]);
    document.cookie = 'privacy_test=; path=/; max-age=0';
  });

  it('exports to a same-origin collector without the cookies a plain same-origin request carries', async () => {
    document.cookie = 'privacy_test=c-456; path=/';
    sdk.otel = init({ endpoint: '/otlp/v1/traces', serviceName: sdk.service, instrumentations: { documentLoad: false } });
    const echoed = await (await fetch('/echo?id=same-cookie')).json();
    expect(echoed.headers.cookie).to.contain('privacy_test=c-456'); // the control: the page's own request has it
    await sdk.otel.forceFlush();
    await sdk.spans((all) => all.some((x) => String(x.attributes['url.full']).includes('same-cookie')), { receiver: 'same' });
    for (const request of await receiverRequests(sdk.service, 'same')) expect(request.headers.cookie).to.equal(undefined);
    document.cookie = 'privacy_test=; path=/; max-age=0';
  });
});
