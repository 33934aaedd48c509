import {
  SpanStatusCode,
  type Attributes,
  type AttributeValue,
  type Exception,
  type HrTime,
  type Link,
  type SpanContext,
  type SpanKind,
  type SpanStatus,
  type TimeInput,
} from '@opentelemetry/api';
import { isArray, ownKeys } from '../lib/natives';
import { limitedAttributes, setAttribute, SetResult, type AttributeLimit } from './attributes';
import { addMillis, hrTimeDuration, isBefore, isHrTime, millisToHrTime, type Clock } from './time';
import type { InstrumentationScope, Resource, Span, SpanLimits, SpanProcessor, TimedEvent } from './types';

/** What every span of one tracer shares. */
export interface SpanShared {
  resource: Resource;
  scope: InstrumentationScope;
  limits: Required<SpanLimits>;
  /** The span attribute limits of `limits`, in the shape the attribute helpers take. */
  attributeLimit: AttributeLimit;
  /** The provider's chain (which guards every processor). */
  processor: SpanProcessor;
  clock: Clock;
  /** Debug-only diagnostics (misuse by the caller, e.g. a second `end()`). */
  debug(message: string): void;
}

export interface SpanInit {
  name: string;
  kind: SpanKind;
  context: SpanContext;
  parentSpanContext?: SpanContext;
  attributes?: Attributes;
  links?: Link[];
  startTime?: TimeInput;
}

const isTimeInput = (value: unknown): value is TimeInput => typeof value === 'number' || value instanceof Date || isHrTime(value);

/**
 * A recording span, following the OpenTelemetry specification: attribute, event and link limits with
 * dropped counts, status precedence, and no change once ended. Its methods never throw for bad input.
 */
export class RecordingSpan implements Span {
  name: string;
  readonly kind: SpanKind;
  readonly parentSpanContext?: SpanContext;
  readonly startTime: HrTime;
  endTime: HrTime = [0, 0];
  duration: HrTime = [-1, -1];
  status: SpanStatus = { code: SpanStatusCode.UNSET };
  readonly attributes: Attributes = {};
  readonly links: Link[] = [];
  readonly events: TimedEvent[] = [];
  ended = false;
  droppedAttributesCount = 0;
  droppedEventsCount = 0;
  droppedLinksCount = 0;
  readonly resource: Resource;
  readonly instrumentationScope: InstrumentationScope;
  private readonly _context: SpanContext;
  private _attributeCount = 0;
  /** `performance.now()` at start when the start time was not given: later times are measured from it, so a clock re-anchoring never changes a duration. */
  private readonly _monotonicStart?: number;

  constructor(
    private readonly _shared: SpanShared,
    init: SpanInit,
  ) {
    this.name = init.name;
    this.kind = init.kind;
    this._context = init.context;
    this.parentSpanContext = init.parentSpanContext;
    this.resource = _shared.resource;
    this.instrumentationScope = _shared.scope;
    if (init.startTime == null) {
      this._monotonicStart = _shared.clock.monotonic();
      this.startTime = millisToHrTime(_shared.clock.origin() + this._monotonicStart);
    } else {
      this.startTime = _shared.clock.toHrTime(init.startTime);
    }
    this.setAttributes(init.attributes ?? {});
    if (init.links) this.addLinks(init.links);
  }

  spanContext(): SpanContext {
    return this._context;
  }

  isRecording(): boolean {
    return !this.ended;
  }

  setAttribute(key: string, value?: AttributeValue): this {
    if (this.ended) return this;
    const result = setAttribute(this.attributes, this._attributeCount, key, value, this._shared.attributeLimit);
    if (result === SetResult.Added) this._attributeCount++;
    else if (result === SetResult.Dropped) this.droppedAttributesCount++;
    return this;
  }

  setAttributes(attributes: Attributes): this {
    if (attributes && typeof attributes === 'object') for (const key of ownKeys(attributes)) this.setAttribute(key, attributes[key]);
    return this;
  }

  addEvent(name: string, attributesOrTime?: Attributes | TimeInput, time?: TimeInput): this {
    if (this.ended) return this;
    const { eventCountLimit, attributePerEventCountLimit, attributeValueLengthLimit } = this._shared.limits;
    if (isTimeInput(attributesOrTime)) {
      time ??= attributesOrTime;
      attributesOrTime = undefined;
    }
    if (eventCountLimit <= 0) {
      this.droppedEventsCount++;
      return this;
    }
    // Past the limit the oldest goes: the last events usually explain how a span ended.
    const events = this.events;
    if (events.length >= eventCountLimit) {
      for (let i = 1; i < events.length; i++) events[i - 1] = events[i];
      events.length--;
      this.droppedEventsCount++;
    }
    const { attributes, dropped } = limitedAttributes(attributesOrTime as Attributes | undefined, {
      count: attributePerEventCountLimit,
      length: attributeValueLengthLimit,
    });
    // Index writes, not push(): page code may have replaced Array.prototype methods (see lib/natives.ts).
    events[events.length] = { name: String(name), attributes, time: this._time(time), droppedAttributesCount: dropped };
    return this;
  }

  addLink(link: Link): this {
    if (this.ended || !link || typeof link !== 'object' || !link.context) return this;
    const { linkCountLimit, attributePerLinkCountLimit, attributeValueLengthLimit } = this._shared.limits;
    if (this.links.length >= linkCountLimit) {
      this.droppedLinksCount++;
      return this;
    }
    const { attributes, dropped } = limitedAttributes(link.attributes, { count: attributePerLinkCountLimit, length: attributeValueLengthLimit });
    this.links[this.links.length] = { context: link.context, attributes, droppedAttributesCount: dropped + (link.droppedAttributesCount ?? 0) };
    return this;
  }

  addLinks(links: Link[]): this {
    if (isArray(links)) for (const link of links) this.addLink(link);
    return this;
  }

  /** OK is final; UNSET changes nothing; a message is kept only with ERROR (as the specification says). */
  setStatus(status: SpanStatus): this {
    if (this.ended || !status || this.status.code === SpanStatusCode.OK || status.code === SpanStatusCode.UNSET) return this;
    if (status.code === SpanStatusCode.OK) this.status = { code: SpanStatusCode.OK };
    else if (status.code === SpanStatusCode.ERROR)
      this.status = typeof status.message === 'string' ? { code: SpanStatusCode.ERROR, message: status.message } : { code: SpanStatusCode.ERROR };
    return this;
  }

  updateName(name: string): this {
    if (!this.ended) this.name = String(name);
    return this;
  }

  /** An `exception` event with the semantic conventions' `exception.type`, `.message` and `.stacktrace`. */
  recordException(exception: Exception, time?: TimeInput): void {
    const attributes: Attributes = {};
    if (typeof exception === 'string') attributes['exception.message'] = exception;
    else if (exception && typeof exception === 'object') {
      const type = exception.code != null ? String(exception.code) : exception.name;
      if (type) attributes['exception.type'] = type;
      if (exception.message) attributes['exception.message'] = String(exception.message);
      if (exception.stack) attributes['exception.stacktrace'] = String(exception.stack);
    }
    this.addEvent('exception', attributes, time);
  }

  /** Ends the span once; later calls change nothing (and say so in debug mode). An end before the start is taken as the start. */
  end(endTime?: TimeInput): void {
    if (this.ended) {
      this._shared.debug(`end() was called again on span "${this.name}" (${this._context.spanId}); it had already ended.`);
      return;
    }
    const end = this._time(endTime);
    this.endTime = isBefore(end, this.startTime) ? this.startTime : end;
    this.duration = hrTimeDuration(this.startTime, this.endTime);
    this._shared.processor.onEnding?.(this);
    this.ended = true;
    this._shared.processor.onEnd(this);
  }

  private _time(input: TimeInput | undefined): HrTime {
    if (input != null) return this._shared.clock.toHrTime(input);
    // Measured on the monotonic clock from the start, when the start was ours.
    return this._monotonicStart === undefined
      ? this._shared.clock.toHrTime(undefined)
      : addMillis(this.startTime, this._shared.clock.monotonic() - this._monotonicStart);
  }
}
