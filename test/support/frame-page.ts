// The delivery tests' page: test/fixtures/delivery-page.html in an iframe, starting the SDK with the
// endpoint, service and export options in its query, so a test can navigate it away (pagehide) and load
// it again (replay from storage) while the test page itself stays.
import { expect } from 'chai';
import { watchPageErrors } from './delivery-helpers';
import { servers, type Servers } from './helpers';

export type FrameWindow = Window & typeof globalThis;

/** The fixture page's URL, starting the SDK with this endpoint, service and `export` options. */
export function deliveryPageUrl(endpoint: string, service: string, exportOptions: Record<string, unknown> = {}, debug = false): string {
  const query = new URLSearchParams({ endpoint, service, export: JSON.stringify(exportOptions), ...(debug ? { debug: '1' } : {}) });
  return `/test/fixtures/delivery-page.html?${query}`;
}

export interface FramePage {
  /** The test servers, known from the first test on. */
  readonly servers: Servers;
  /** This test's iframe (a new one for each test). */
  readonly frame: HTMLIFrameElement;
  /** Loads `url` in the frame, or, given the frame's current window, navigates that page away to it (it gets pagehide); resolves with the new window. */
  go(url: string, from?: FrameWindow): Promise<FrameWindow>;
}

/** Registers the hooks (a new iframe per test; no error may reach the test page) and returns the page. */
export function useFramePage(): FramePage {
  let known: Servers | undefined;
  let frame: HTMLIFrameElement | undefined;
  let watch: ReturnType<typeof watchPageErrors> | undefined;
  const page: FramePage = {
    get servers() {
      if (!known) throw new Error('the test servers are known only once the tests run');
      return known;
    },
    get frame() {
      if (!frame) throw new Error('the frame exists only while a test runs');
      return frame;
    },
    async go(url, from) {
      const target = page.frame;
      const loaded = new Promise((resolve) => target.addEventListener('load', resolve, { once: true }));
      if (from) from.location.href = url;
      else target.src = url;
      await loaded;
      return target.contentWindow as FrameWindow;
    },
  };
  before(async () => {
    known = await servers();
  });
  beforeEach(() => {
    frame = document.createElement('iframe');
    document.body.append(frame);
    watch = watchPageErrors();
  });
  afterEach(() => {
    frame?.remove();
    frame = undefined;
    watch?.stop();
    expect(watch?.problems, 'errors in the test page').to.deep.equal([]);
  });
  return page;
}
