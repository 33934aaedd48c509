// The set-up shared by the browser tests that start the SDK on the test page: the test servers (the OTLP
// receiver and the APIs), a service name of its own for each test (test files run in parallel against one
// receiver, and each test finds its spans by that name), init() against the receiver, and the SDK shut
// down after each test.
import type { Config } from '../../src/config';
import { init } from '../../src/index';
import type { OtelBrowserHandle } from '../../src/sdk/handle';
import { servers, uniqueService, waitForSpans, type ReceivedSpan, type Servers } from './helpers';

export interface SdkFixture {
  /** The test servers, known from the first test on. */
  readonly servers: Servers;
  /** This test's service name, new for each test (`<prefix>-…`); a test that wants another sets it. */
  service: string;
  /** The SDK this test started (with `start()` or `init()` directly); shut down after the test. */
  otel: OtelBrowserHandle | undefined;
  /** init() exporting to the receiver as this test's service; `config` adds to or overrides that. */
  start(config?: Partial<Config>): OtelBrowserHandle;
  /** This test's spans, once `done(spans)` holds (`waitForSpans` for this test's service). */
  spans(done: (spans: ReceivedSpan[]) => boolean, options?: Parameters<typeof waitForSpans>[2]): Promise<ReceivedSpan[]>;
}

/** Registers the hooks (call it at the top of a `describe`, before its own hooks) and returns the fixture. */
export function useSdk(prefix: string): SdkFixture {
  let known: Servers | undefined;
  const fixture: SdkFixture = {
    get servers() {
      if (!known) throw new Error('the test servers are known only once the tests run');
      return known;
    },
    service: '',
    otel: undefined,
    start(config = {}) {
      fixture.otel = init({ endpoint: `${fixture.servers.receiver}/v1/traces`, serviceName: fixture.service, ...config } as Config);
      return fixture.otel;
    },
    spans: (done, options) => waitForSpans(fixture.service, done, options),
  };
  before(async () => {
    known = await servers();
  });
  beforeEach(() => {
    fixture.service = uniqueService(prefix);
  });
  afterEach(async () => {
    await fixture.otel?.shutdown();
    fixture.otel = undefined;
  });
  return fixture;
}
