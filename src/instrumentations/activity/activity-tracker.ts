import { trace, type Context, type HrTime, type Span } from '@opentelemetry/api';
import { hrTime, hrTimeToMilliseconds } from '../../trace/time';
import type { ReadableSpan, Span as SdkSpan } from '../../trace/types';
import type { AmbientContextManager } from '../../context/ambient-context-manager';
import type { Timers } from '../../context/timers';
import { SpanProcessorBase } from '../../lib/span-processor-base';

/** When a followed span (an interaction, a route change) counts as settled and ends. */
export interface SettleOptions {
  /** It ends once nothing started under it is still open and this many ms passed without new work. */
  idleMs: number;
  /** It ends this many ms after it started even if work under it is still open. */
  maxDurationMs: number;
}

/** A span the tracker follows; it ends by itself when settled. */
export interface Activity {
  readonly span: Span;
  /** The context holding the span: the ambient context while the activity is under way. */
  readonly context: Context;
  /** Ends the span now (e.g. the page is being hidden). */
  end(): void;
}

interface State extends Activity {
  options: SettleOptions;
  /** Ids of child spans still open. */
  pending: Set<string>;
  /** When the last known work under the span finished. */
  last: HrTime;
  /** False until the task that started the activity (the event dispatch) is over. */
  armed: boolean;
  idleTimer?: number;
  capTimer?: number;
  done: boolean;
}

/** More activities than this open at once means something keeps starting them; the oldest are ended. */
const MAX_OPEN = 32;

const later = (a: HrTime, b: HrTime): HrTime => (hrTimeToMilliseconds(b) > hrTimeToMilliseconds(a) ? b : a);

/**
 * Follows interaction and route-change spans: makes each the ambient context while it is under way,
 * counts the spans started under it (fetch, XHR, the user's own), and ends it once those are done and
 * the page stayed idle for `idleMs`, or at `maxDurationMs`. The end time is that of the last work,
 * not of the idle timeout. It is a span processor so that it sees child spans start and end.
 */
export class ActivityTracker extends SpanProcessorBase {
  private readonly _open = new Map<string, State>();

  constructor(
    private readonly _manager: AmbientContextManager,
    private readonly _timers: Timers,
  ) {
    super();
  }

  /** Starts following `span` (already started) and makes it the ambient context. */
  follow(span: Span, options: SettleOptions, parent: Context): Activity {
    const state: State = {
      span,
      context: trace.setSpan(parent, span),
      options,
      pending: new Set(),
      last: hrTime(),
      armed: false,
      done: false,
      end: () => this._finish(state, state.pending.size ? undefined : state.last),
    };
    if (this._open.size >= MAX_OPEN) {
      const oldest = this._open.values().next().value;
      if (oldest) oldest.end();
    }
    this._open.set(span.spanContext().spanId, state);
    this._manager.setAmbient(state.context);
    state.capTimer = this._timers.set(() => this._finish(state, undefined), options.maxDurationMs);
    // Handlers of the same event run after this one in the same task: only after it is over can
    // "nothing open" mean settled.
    this._timers.set(() => {
      state.armed = true;
      state.last = later(state.last, hrTime());
      this._check(state);
    }, 0);
    return state;
  }

  /** The activity a span belongs to, if it is followed and not ended. */
  find(spanId: string): Activity | undefined {
    return this._open.get(spanId);
  }

  /** Ends every followed span now. */
  endAll(): void {
    for (const state of [...this._open.values()]) state.end();
  }

  override onStart(span: SdkSpan): void {
    const state = this._parentState(span);
    if (!state) return;
    state.pending.add(span.spanContext().spanId);
    this._timers.clear(state.idleTimer);
    state.idleTimer = undefined;
  }

  override onEnd(span: ReadableSpan): void {
    const state = this._parentState(span);
    if (!state || !state.pending.delete(span.spanContext().spanId)) return;
    state.last = later(state.last, span.endTime);
    this._check(state);
  }

  override shutdown(): Promise<void> {
    this.endAll();
    return Promise.resolve();
  }

  private _parentState(span: ReadableSpan): State | undefined {
    const parentId = span.parentSpanContext?.spanId;
    return parentId ? this._open.get(parentId) : undefined;
  }

  private _check(state: State): void {
    if (state.done || !state.armed || state.pending.size) return;
    this._timers.clear(state.idleTimer);
    state.idleTimer = this._timers.set(() => this._finish(state, state.last), state.options.idleMs);
  }

  private _finish(state: State, endTime: HrTime | undefined): void {
    if (state.done) return;
    state.done = true;
    this._timers.clear(state.idleTimer);
    this._timers.clear(state.capTimer);
    this._open.delete(state.span.spanContext().spanId);
    this._manager.clearAmbient(state.context);
    state.span.end(endTime);
  }
}
