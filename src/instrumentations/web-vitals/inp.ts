import { track } from './metric';
import { observe, type VitalsPage } from './page';

/** The fields of an Event Timing entry we read (`interactionId` is newer than TypeScript's DOM types). */
interface EventTiming extends PerformanceEntry {
  interactionId?: number;
}

/** One interaction: its longest event entry's duration (input to next paint) and start. */
interface Interaction {
  _id: number;
  _latency: number;
  _start?: number;
}

/** How many of the longest interactions are kept: enough for a p98 up to 500 interactions. */
const KEPT = 10;

/**
 * Interaction to Next Paint: Event Timing entries grouped by `interactionId`, each interaction as long
 * as its longest entry. INP is an estimate of the 98th percentile: the longest interaction, or with
 * `performance.interactionCount` known, the (n/50)th longest of the 10 kept. Entries under 40 ms are
 * not delivered (`first-input` still is, so a fast first interaction gives a small INP); a page without
 * interactions has no INP. Final only when the page is hidden: reported then.
 */
export function observeINP(page: VitalsPage): void {
  const win = page._win as Window & { PerformanceEventTiming?: { prototype: object } };
  if (!('interactionId' in (win.PerformanceEventTiming?.prototype ?? {}))) return;
  const interactionCount = (): number => (win.performance as { interactionCount?: number }).interactionCount ?? 0;
  let inp = track(page, 'INP');
  let longest: Interaction[] = [];
  let countBefore = 0;
  const onEntries = (entries: EventTiming[]): void => {
    for (const { interactionId, duration, startTime } of entries) {
      if (!interactionId) continue;
      const known = longest.find((x) => x._id === interactionId);
      if (!known) longest.push({ _id: interactionId, _latency: duration, _start: startTime });
      else if (duration > known._latency) Object.assign(known, { _latency: duration, _start: startTime });
      // Longest first; an interaction shorter than all ten kept falls off at once.
      longest = longest.sort((a, b) => b._latency - a._latency).slice(0, KEPT);
    }
    const count = interactionCount() - countBefore;
    const candidate: Interaction | undefined =
      longest[Math.min(longest.length - 1, Math.floor(count / 50))] ??
      // After a restore there is no first-input entry: interactions all under 40 ms count as 8 ms.
      (count && page._navigationType === 'back-forward-cache' ? { _id: 0, _latency: 8 } : undefined);
    if (candidate && candidate._latency !== inp._value) {
      inp._value = candidate._latency;
      inp._startTime = candidate._start;
      inp._report();
    }
  };
  const observers = ['event', 'first-input'].map((type) => observe(page, type, onEntries, { durationThreshold: 40 }));
  if (!observers[0]) return;
  page._onHidden.push(() => {
    for (const observer of observers) if (observer) onEntries(observer.takeRecords());
    inp._report(true);
  });
  page._onRestore.push(() => {
    inp = track(page, 'INP');
    longest = [];
    countBefore = interactionCount();
  });
}
