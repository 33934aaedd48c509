import { expect } from 'chai';
import { createConsent } from '../../src/privacy/consent';
import { createLogger } from '../../src/lib/logger';
import { createSessionManager, type SessionManager } from '../../src/session/session';
import { DEFAULT_SESSION, type ResolvedSessionOptions } from '../../src/config';

const MINUTE = 60 * 1000;
const logger = createLogger(false);

/** A clock the test moves by hand. */
function manualClock(start = Date.UTC(2026, 10, 25, 9, 0)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function frame(): Promise<Window & typeof globalThis> {
  const element = document.createElement('iframe');
  element.src = '/test/fixtures/blank.html';
  document.body.append(element);
  return new Promise((resolve) => element.addEventListener('load', () => resolve(element.contentWindow as Window & typeof globalThis), { once: true }));
}

describe('sessions (createSessionManager, real storage, injected clock)', () => {
  const managers: SessionManager[] = [];
  // Test files run in parallel on one origin: each test keeps its session under its own key.
  let key = '';
  const manager = (options: Partial<ResolvedSessionOptions>, deps: Partial<Parameters<typeof createSessionManager>[1]> = {}) => {
    const created = createSessionManager({ ...DEFAULT_SESSION, storageKey: key, ...options }, { window, consent: createConsent('granted'), logger, ...deps });
    managers.push(created);
    return created;
  };
  beforeEach(() => {
    key = `test-session-${Math.random()}`;
  });
  afterEach(() => {
    for (const created of managers.splice(0)) created.stop();
    localStorage.removeItem(key);
    sessionStorage.removeItem(key);
  });

  it('keeps one 32-hex-digit id across calls and across page loads sharing localStorage', () => {
    const clock = manualClock();
    const first = manager({}, { now: clock.now });
    const id = first.current().id;
    expect(id).to.match(/^[0-9a-f]{32}$/);
    clock.advance(MINUTE);
    expect(first.current().id).to.equal(id);
    // A new manager over the same storage is what the next page load of the origin sees.
    expect(manager({}, { now: clock.now }).current().id).to.equal(id);
    expect(JSON.parse(localStorage.getItem(key)!).id).to.equal(id);
  });

  it('rotates after the idle timeout, and user activity pushes the deadline back', () => {
    const clock = manualClock();
    const session = manager({ idleTimeoutMs: 15 * MINUTE }, { now: clock.now });
    const id = session.current().id;
    clock.advance(10 * MINUTE);
    window.dispatchEvent(new Event('scroll'));
    clock.advance(10 * MINUTE);
    expect(session.current().id, '20 minutes, active after 10').to.equal(id);
    clock.advance(15 * MINUTE);
    const next = session.current();
    expect(next.id, 'after 15 idle minutes').to.not.equal(id);
    expect(next.startedAt).to.equal(clock.now());
  });

  it('rotates after the maximum age however active the user is', () => {
    const clock = manualClock();
    const session = manager({ maxAgeMs: 60 * MINUTE }, { now: clock.now });
    const id = session.current().id;
    for (let i = 0; i < 5; i++) {
      clock.advance(10 * MINUTE);
      session.touch();
    }
    expect(session.current().id).to.equal(id);
    clock.advance(10 * MINUTE);
    expect(session.current().id).to.not.equal(id);
  });

  it('with storage "memory" writes nothing and lasts one page load', () => {
    const first = manager({ storage: 'memory' });
    const id = first.current().id;
    expect(localStorage.getItem(key)).to.equal(null);
    expect(sessionStorage.getItem(key)).to.equal(null);
    expect(first.current().id).to.equal(id);
    expect(manager({ storage: 'memory' }).current().id).to.not.equal(id);
  });

  it('with storage "sessionStorage" keeps the session in the tab only', () => {
    const id = manager({ storage: 'sessionStorage' }).current().id;
    expect(JSON.parse(sessionStorage.getItem(key)!).id).to.equal(id);
    expect(localStorage.getItem(key)).to.equal(null);
    expect(manager({ storage: 'sessionStorage' }).current().id).to.equal(id);
  });

  it('starts afresh over a corrupt or foreign stored value', () => {
    localStorage.setItem(key, '{"id":"not-hex","startedAt":1,"lastActiveAt":1}');
    const id = manager({}).current().id;
    expect(id).to.match(/^[0-9a-f]{32}$/);
    localStorage.setItem(key, 'garbage{');
    expect(manager({}).current().id).to.not.equal(id);
  });

  it('two tabs share the session and a rotation in one is seen by the other at its next use', async () => {
    const [tabA, tabB] = await Promise.all([frame(), frame()]);
    const clock = manualClock(Date.now());
    const a = manager({}, { window: tabA, now: clock.now });
    const b = manager({}, { window: tabB, now: clock.now });
    const shared = a.current().id;
    expect(b.current().id).to.equal(shared);
    clock.advance(16 * MINUTE);
    // Both tabs find the session expired; the first to use it rotates, the other adopts that
    // rotation instead of starting a third session, without waiting for the storage event.
    const rotated = a.current().id;
    expect(rotated).to.not.equal(shared);
    expect(b.current().id).to.equal(rotated);
    // Activity in one tab keeps the session alive for the other.
    clock.advance(10 * MINUTE);
    tabA.dispatchEvent(new Event('keydown'));
    clock.advance(10 * MINUTE);
    expect(b.current().id).to.equal(rotated);
  });

  it('the storage event brings a rotation from another tab into memory', async () => {
    const tab = await frame();
    const clock = manualClock(Date.now());
    const here = manager({}, { now: clock.now });
    const there = manager({}, { window: tab, now: clock.now });
    const before = here.current().id;
    clock.advance(16 * MINUTE);
    const event = new Promise((resolve) => window.addEventListener('storage', resolve, { once: true }));
    const rotated = there.current().id;
    await event;
    // With the stored value gone the manager falls back to memory, where the event put the rotation.
    localStorage.removeItem(key);
    expect(rotated).to.not.equal(before);
    expect(here.current().id).to.equal(rotated);
  });

  it('writes no storage until consent is granted, then persists (or adopts the stored session)', () => {
    const consent = createConsent('pending');
    const session = manager({}, { consent });
    const id = session.current().id;
    session.touch();
    expect(localStorage.getItem(key)).to.equal(null);
    consent.set('granted');
    expect(JSON.parse(localStorage.getItem(key)!).id).to.equal(id);
    expect(session.current().id).to.equal(id);

    // A later page load that starts without consent does not read storage either; once granted it
    // continues the stored session.
    const later = createConsent('pending');
    const next = manager({}, { consent: later });
    expect(next.current().id).to.not.equal(id);
    later.set('granted');
    expect(next.current().id).to.equal(id);

    // Withdrawn consent forgets the stored id.
    later.set('denied');
    expect(localStorage.getItem(key)).to.equal(null);
  });
});
