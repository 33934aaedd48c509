import { expect } from 'chai';
import { rate } from '../../../src/instrumentations/web-vitals/metric';
import { observes, without } from '../../support/engine-support';
import { clickInFrame, loadFrame } from '../../support/frames';
import { receivedSpans, servers, sleep, uniqueService, waitForSpans, type ReceivedSpan, type Servers } from '../../support/helpers';

interface MetricsWindow extends Window {
  grow: (id: string, px: number) => void;
  seen: Record<
    'layout-shift' | 'largest-contentful-paint' | 'paint' | 'event',
    (PerformanceEntry & { value?: number; hadRecentInput?: boolean; interactionId?: number })[]
  >;
}

const FIXTURE = '/test/fixtures/vitals-metrics.html';

function loadFixture(config: object, frame?: HTMLIFrameElement): Promise<{ frame: HTMLIFrameElement; win: MetricsWindow }> {
  return loadFrame<MetricsWindow>(`${FIXTURE}?config=${encodeURIComponent(JSON.stringify(config))}`, frame);
}

/** Navigating the frame away hides its page: final values are reported then. */
function leave(frame: HTMLIFrameElement): void {
  frame.src = '/test/fixtures/blank.html';
}

/** The session windows of layout shifts not caused by input: < 1 s after the previous shift, < 5 s after the first. */
function sessionWindows(shifts: MetricsWindow['seen']['layout-shift']): number[][] {
  const windows: { first: number; last: number; values: number[] }[] = [];
  for (const shift of shifts.filter((x) => !x.hadRecentInput)) {
    const current = windows.at(-1);
    if (current && shift.startTime - current.last < 1000 && shift.startTime - current.first < 5000) {
      current.values.push(shift.value!);
      current.last = shift.startTime;
    } else {
      windows.push({ first: shift.startTime, last: shift.startTime, values: [shift.value!] });
    }
  }
  return windows.map((x) => x.values);
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

// Chromium observes every entry type these metrics need; Firefox has no layout-shift (no CLS); WebKit has
// neither largest-contentful-paint, layout-shift nor event timing (no LCP, CLS, INP). Where one is
// missing, the SDK reports no span for that metric, and the tests assert exactly that.
const HAS_LCP = observes('largest-contentful-paint');
const HAS_CLS = observes('layout-shift');
const HAS_INP = observes('event');
const noSpanFor = (names: string[]) =>
  names.length ? `; ${without(names.map((n) => ({ LCP: 'largest-contentful-paint', CLS: 'layout-shift' })[n]).join(', '), `no ${names.join(', ')} span`)}` : '';

describe('web vitals: values', () => {
  let s: Servers;
  let config: (service: string, webVitals?: object) => object;
  before(async () => {
    s = await servers();
    config = (service, webVitals = {}) => ({
      endpoint: `${s.receiver}/v1/traces`,
      serviceName: service,
      session: { storageKey: `test-session-${service}` },
      instrumentations: { fetch: false, xhr: false, documentLoad: false, userInteraction: false, webVitals },
    });
  });

  it('rates a value at a threshold with the better rating, just above it with the worse', () => {
    const thresholds = { LCP: [2500, 4000], FCP: [1800, 3000], TTFB: [800, 1800], CLS: [0.1, 0.25], INP: [200, 500] } as const;
    for (const [name, [good, poor]] of Object.entries(thresholds) as [keyof typeof thresholds, readonly [number, number]][]) {
      expect(rate(name, 0), name).to.equal('good');
      expect(rate(name, good), name).to.equal('good');
      expect(rate(name, good + 0.001), name).to.equal('needs-improvement');
      expect(rate(name, poor), name).to.equal('needs-improvement');
      expect(rate(name, poor + 0.001), name).to.equal('poor');
    }
  });

  it(`reports the browser's own TTFB, FCP and LCP, and CLS as the largest session window's sum; no INP without interaction${noSpanFor([...(HAS_LCP ? [] : ['LCP']), ...(HAS_CLS ? [] : ['CLS'])])}`, async () => {
    const service = uniqueService('vitals-values');
    const { frame, win } = await loadFixture(config(service));
    await sleep(300);
    // Window one: two shifts 150 ms apart. Window two, 1.5 s later: one smaller shift. So CLS is neither
    // the last window, nor the largest shift, nor the sum of all shifts.
    win.grow('top', 20);
    await sleep(150);
    win.grow('top', 40);
    await sleep(1500);
    win.grow('top', 50);
    await sleep(300);
    const perf = win.performance;
    const responseStart = (perf.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseStart;
    const fcp = win.seen.paint.find((x) => x.name === 'first-contentful-paint')!.startTime;
    const lcp = win.seen['largest-contentful-paint'].at(-1)?.startTime;
    const windows = sessionWindows(win.seen['layout-shift']);
    const timeOrigin = perf.timeOrigin;
    leave(frame);
    const measured = ['FCP', 'TTFB', ...(HAS_LCP ? ['LCP'] : []), ...(HAS_CLS ? ['CLS'] : [])];
    await waitForSpans(service, (all) => measured.every((name) => all.some((x) => x.name === name)));
    // What the engine cannot measure would have come at the hide too: a moment more, then none may be there.
    await sleep(500);
    const spans = await receivedSpans(service);
    frame.remove();
    expect(
      spans.filter((x) => !measured.includes(x.name)).map((x) => x.name),
      'no span for what this engine cannot measure',
    ).to.deep.equal([]);

    // The scenario is what it should be: two windows, the first (two shifts) the larger.
    if (HAS_CLS) {
      expect(
        windows.map((x) => x.length),
        JSON.stringify(windows),
      ).to.deep.equal([2, 1]);
      expect(sum(windows[0]), JSON.stringify(windows)).to.be.greaterThan(windows[1][0]);
    }

    const one = (name: string): ReceivedSpan => {
      const found = spans.filter((x) => x.name === name);
      expect(found, name).to.have.length(1);
      return found[0];
    };
    const value = (name: string) => one(name).attributes['browser.web_vital.value'] as number;
    expect(value('TTFB')).to.equal(responseStart);
    expect(value('FCP')).to.equal(fcp);
    if (HAS_LCP) expect(value('LCP')).to.equal(lcp);
    if (HAS_CLS) {
      expect(value('CLS')).to.be.closeTo(sum(windows[0]), 1e-12);
      expect(one('CLS').attributes['browser.web_vital.delta']).to.equal(value('CLS'));
    }
    // LCP, FCP and TTFB spans run from the navigation start to the moment measured.
    for (const name of measured.filter((n) => n !== 'CLS')) {
      expect(one(name).start, name).to.be.closeTo(timeOrigin, 1.5);
      expect(one(name).end, name).to.be.closeTo(timeOrigin + value(name), 1.5);
      expect(one(name).attributes['browser.web_vital.delta'], name).to.equal(value(name));
    }
    expect(spans.some((x) => x.name === 'INP')).to.equal(false);
  });

  if (!HAS_INP) {
    it(without('event timing (PerformanceEventTiming)', 'a slow click gives no INP span; the page still reports FCP'), async () => {
      const service = uniqueService('vitals-no-inp');
      const { frame, win } = await loadFixture(config(service));
      await sleep(300);
      const button = win.document.getElementById('slow')!;
      await clickInFrame(frame, button);
      expect(button.textContent).to.equal('clicked');
      leave(frame);
      await waitForSpans(service, (all) => all.some((x) => x.name === 'FCP'));
      await sleep(1000);
      frame.remove();
      expect((await receivedSpans(service)).filter((x) => x.name === 'INP')).to.deep.equal([]);
    });
  }

  if (HAS_INP)
    it("reports INP as the slow click's longest event, with the span starting at that event", async () => {
      const service = uniqueService('vitals-inp');
      const { frame, win } = await loadFixture(config(service));
      await sleep(300);
      const button = win.document.getElementById('slow')!;
      await clickInFrame(frame, button);
      expect(button.textContent).to.equal('clicked');
      // The page sees the click's event entries after the next paint; the SDK has them by then too.
      // Hidden right away: entries the SDK has not processed yet are taken in when the page is hidden.
      const timed = () => win.seen.event.filter((x) => x.interactionId);
      for (let waited = 0; !timed().some((x) => x.name === 'click') && waited < 5000; waited += 20) await sleep(20);
      const entries = timed();
      const timeOrigin = win.performance.timeOrigin;
      leave(frame);
      const spans = await waitForSpans(service, (all) => all.some((x) => x.name === 'INP'));
      frame.remove();

      const inp = spans.find((x) => x.name === 'INP')!;
      const value = inp.attributes['browser.web_vital.value'] as number;
      const longest = Math.max(...entries.map((x) => x.duration));
      expect(value).to.be.at.least(150);
      expect(value).to.equal(longest);
      expect(inp.attributes['browser.web_vital.rating']).to.equal(rate('INP', value));
      // The span starts at (one of) the interaction's longest entries and lasts the INP.
      const starts = entries.filter((x) => x.duration === longest).map((x) => Math.floor(timeOrigin + x.startTime));
      expect(
        starts.some((start) => Math.abs(inp.start - start) <= 1),
        `${inp.start} in ${starts}`,
      ).to.equal(true);
      expect(inp.end - inp.start).to.be.closeTo(value, 1.5);
    });

  it(`reports every change with reportAllChanges: one metric id, deltas that add up to the value${HAS_CLS ? '' : `; ${without('layout-shift', `${HAS_LCP ? 'LCP' : 'FCP'} reported early, no CLS span`)}`}`, async () => {
    const service = uniqueService('vitals-all-changes');
    const { frame, win } = await loadFixture(config(service, { reportAllChanges: true }));
    await sleep(300);
    win.grow('top', 40);
    await sleep(300);
    win.grow('top', 80);
    await sleep(300);
    // LCP reported before any input or hide: not held back until final (FCP where there is no LCP).
    const early = HAS_LCP ? 'LCP' : 'FCP';
    await waitForSpans(service, (all) => all.some((x) => x.name === early), { timeoutMs: 15000 });
    leave(frame);
    if (!HAS_CLS) {
      await sleep(1000);
      frame.remove();
      expect((await receivedSpans(service)).filter((x) => x.name === 'CLS')).to.deep.equal([]);
      return;
    }
    const spans = await waitForSpans(service, (all) => all.filter((x) => x.name === 'CLS').length >= 2);
    frame.remove();

    const cls = spans.filter((x) => x.name === 'CLS').sort((a, b) => a.start - b.start);
    expect(new Set(cls.map((x) => x.attributes['browser.web_vital.id'])).size).to.equal(1);
    const values = cls.map((x) => x.attributes['browser.web_vital.value'] as number);
    const deltas = cls.map((x) => x.attributes['browser.web_vital.delta'] as number);
    expect(values[1]).to.be.greaterThan(values[0]);
    expect(sum(deltas)).to.be.closeTo(values.at(-1)!, 1e-12);
  });

  it('says how the page was navigated to: navigate, then reload', async () => {
    const service = uniqueService('vitals-reload');
    const { frame, win } = await loadFixture(config(service));
    await sleep(300);
    const reloaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    win.location.reload();
    await reloaded;
    await sleep(300);
    leave(frame);
    const spans = await waitForSpans(service, (all) => all.filter((x) => x.name === 'TTFB').length >= 2);
    frame.remove();
    const types = spans.filter((x) => x.name === 'TTFB').map((x) => x.attributes['browser.web_vital.navigation_type']);
    expect(types.sort()).to.deep.equal(['navigate', 'reload']);
  });
});
