import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type Span as ApiSpan } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { expect } from 'chai';
import { AmbientContextManager } from '../../src/context/ambient-context-manager';
import type { ReadableSpan } from '../../src/trace/types';
import { coreProvider, recorder } from './fixture';

// The span's behaviour as the OpenTelemetry specification describes it, on our own core.

const asReadable = (span: ApiSpan) => span as unknown as ReadableSpan;

describe('span (our core)', () => {
  it('gets random, valid ids; a child shares the trace id and names its parent', () => {
    const tracer = coreProvider().getTracer('ids');
    const parent = tracer.startSpan('parent');
    const child = tracer.startSpan('child', {}, trace.setSpan(ROOT_CONTEXT, parent));
    const other = tracer.startSpan('other');
    expect(parent.spanContext().traceId)
      .to.match(/^[0-9a-f]{32}$/)
      .and.not.match(/^0+$/);
    expect(parent.spanContext().spanId)
      .to.match(/^[0-9a-f]{16}$/)
      .and.not.match(/^0+$/);
    expect(parent.spanContext().traceFlags).to.equal(TraceFlags.SAMPLED);
    expect(child.spanContext().traceId).to.equal(parent.spanContext().traceId);
    expect(asReadable(child).parentSpanContext?.spanId).to.equal(parent.spanContext().spanId);
    expect(other.spanContext().traceId).to.not.equal(parent.spanContext().traceId);
    expect(tracer.startSpan('root', { root: true }, trace.setSpan(ROOT_CONTEXT, parent)).spanContext().traceId).to.not.equal(parent.spanContext().traceId);
    // Ids come from a pool of random bytes refilled every 4 KB: across refills they stay distinct.
    const ids = new Set(Array.from({ length: 1000 }, () => tracer.startSpan('many').spanContext().spanId));
    expect(ids.size).to.equal(1000);
  });

  it('keeps valid attribute values only, and copies arrays', () => {
    const span = asReadable(
      coreProvider()
        .getTracer('values')
        .startSpan('v', { kind: SpanKind.CLIENT, attributes: { fromOptions: 1 } }),
    );
    const list = ['a', 'b'];
    const live = span as unknown as ApiSpan;
    live.setAttribute('string', 's').setAttribute('number', 1.5).setAttribute('bool', false).setAttribute('list', list);
    live.setAttribute('withHoles', [1, null, 2] as number[]);
    live.setAttribute('', 'empty key');
    live.setAttribute('mixed', ['a', 1] as unknown as string[]);
    live.setAttribute('object', { a: 1 } as unknown as string);
    live.setAttribute('nothing', undefined);
    live.setAttributes({ nested: [{}] as unknown as string[], fine: 'yes' });
    list.push('c');
    expect(span.attributes).to.deep.equal({ fromOptions: 1, string: 's', number: 1.5, bool: false, list: ['a', 'b'], withHoles: [1, null, 2], fine: 'yes' });
    expect(span.droppedAttributesCount).to.equal(0);
    expect(span.kind).to.equal(SpanKind.CLIENT);
  });

  it('applies the count and length limits, counting what it drops; existing keys may still change', () => {
    const span = coreProvider({ limits: { attributeCountLimit: 2, attributeValueLengthLimit: 3 } })
      .getTracer('limits')
      .startSpan('l');
    span.setAttribute('a', 'abcdef').setAttribute('b', ['xyzw', 'q']).setAttribute('c', 'dropped').setAttribute('d', 1);
    span.setAttribute('a', 'ok');
    expect(asReadable(span).attributes).to.deep.equal({ a: 'ok', b: ['xyz', 'q'] });
    expect(asReadable(span).droppedAttributesCount).to.equal(2);
  });

  it('keeps the newest events within the limit, with their own attribute limit, and takes a time in place of attributes', () => {
    const span = coreProvider({ limits: { eventCountLimit: 2, attributePerEventCountLimit: 1 } })
      .getTracer('events')
      .startSpan('e');
    span.addEvent('first');
    span.addEvent('second', { x: 1, y: 2 });
    span.addEvent('third', new Date(Date.UTC(2026, 0, 1)));
    const readable = asReadable(span);
    expect(readable.events.map((event) => event.name)).to.deep.equal(['second', 'third']);
    expect(readable.droppedEventsCount).to.equal(1);
    expect(readable.events[0].attributes).to.deep.equal({ x: 1 });
    expect(readable.events[0].droppedAttributesCount).to.equal(1);
    expect(readable.events[1].time).to.deep.equal([Date.UTC(2026, 0, 1) / 1000, 0]);
  });

  it('adds links at start and later, within the link limit', () => {
    const tracer = coreProvider({ limits: { linkCountLimit: 2 } }).getTracer('links');
    const target = tracer.startSpan('target').spanContext();
    const span = tracer.startSpan('linked', { links: [{ context: target, attributes: { why: 'batch' } }] });
    span.addLink({ context: target });
    span.addLinks([{ context: target }, { context: target }]);
    expect(asReadable(span).links).to.have.length(2);
    expect(asReadable(span).links[0]).to.deep.include({ context: target, attributes: { why: 'batch' } });
    expect(asReadable(span).droppedLinksCount).to.equal(2);
  });

  it('records exceptions as exception events, from an Error, a string or an object with a code', () => {
    const span = coreProvider().getTracer('exceptions').startSpan('x');
    const error = new TypeError('bad thing');
    span.recordException(error);
    span.recordException('just text');
    span.recordException({ code: 42, message: 'coded' });
    const [fromError, fromString, fromCode] = asReadable(span).events;
    expect(fromError.name).to.equal('exception');
    expect(fromError.attributes).to.deep.include({ 'exception.type': 'TypeError', 'exception.message': 'bad thing' });
    // The engine's own stack, as it is: Chromium's starts with the message, Firefox's and WebKit's do not.
    expect(fromError.attributes?.['exception.stacktrace']).to.be.a('string').and.equal(error.stack);
    expect(fromString.attributes).to.deep.equal({ 'exception.message': 'just text' });
    expect(fromCode.attributes).to.deep.equal({ 'exception.type': '42', 'exception.message': 'coded' });
  });

  it('follows the status rules: UNSET changes nothing, a message only with ERROR, OK is final', () => {
    const tracer = coreProvider().getTracer('status');
    const span = tracer.startSpan('s');
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'failed' });
    expect(asReadable(span).status).to.deep.equal({ code: SpanStatusCode.ERROR, message: 'failed' });
    span.setStatus({ code: SpanStatusCode.UNSET });
    expect(asReadable(span).status.code).to.equal(SpanStatusCode.ERROR);
    span.setStatus({ code: SpanStatusCode.OK, message: 'ignored' });
    expect(asReadable(span).status).to.deep.equal({ code: SpanStatusCode.OK });
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'too late' });
    expect(asReadable(span).status).to.deep.equal({ code: SpanStatusCode.OK });
  });

  it('ends once: later calls change nothing, do not throw, and say so only in debug output', () => {
    const seen = recorder();
    const debug: string[] = [];
    const span = coreProvider({ processors: [seen], debug })
      .getTracer('end')
      .startSpan('once');
    span.updateName('renamed');
    expect(span.isRecording()).to.equal(true);
    span.end();
    const { endTime } = asReadable(span);
    expect(span.isRecording()).to.equal(false);
    expect(() => span.end()).to.not.throw();
    span.updateName('after end').setAttribute('late', 1).addEvent('late');
    span.setStatus({ code: SpanStatusCode.ERROR });
    expect(seen.ended).to.have.length(1);
    expect(seen.ended[0]).to.deep.include({ name: 'renamed', endTime, ended: true });
    expect(seen.ended[0].attributes).to.not.have.property('late');
    expect(seen.ended[0].events).to.have.length(0);
    expect(seen.ended[0].status.code).to.equal(SpanStatusCode.UNSET);
    expect(debug).to.have.length(1);
    expect(debug[0]).to.include('end() was called again');
  });

  it('takes an end before the start as the start (no negative duration)', () => {
    const span = coreProvider().getTracer('clamp').startSpan('c', { startTime: Date.now() });
    span.end(Date.now() - 60_000);
    expect(asReadable(span).endTime).to.deep.equal(asReadable(span).startTime);
    expect(asReadable(span).duration).to.deep.equal([0, 0]);
  });

  it('records nothing for an unsampled span but keeps valid ids for propagation; RECORD records without the sampled flag', () => {
    const seen = recorder();
    const drop = coreProvider({ processors: [seen], sampler: { shouldSample: () => ({ decision: 0 }), toString: () => 'off' } })
      .getTracer('off')
      .startSpan('dropped');
    expect(drop.isRecording()).to.equal(false);
    expect(drop.spanContext().traceId)
      .to.match(/^[0-9a-f]{32}$/)
      .and.not.match(/^0+$/);
    expect(drop.spanContext().traceFlags).to.equal(TraceFlags.NONE);
    expect(seen.started).to.have.length(0);
    const record = coreProvider({
      processors: [seen],
      sampler: { shouldSample: () => ({ decision: 1, attributes: { 'sampler.says': 'keep' } }), toString: () => 'record' },
    })
      .getTracer('rec')
      .startSpan('kept');
    expect(record.isRecording()).to.equal(true);
    expect(record.spanContext().traceFlags).to.equal(TraceFlags.NONE);
    expect(asReadable(record).attributes['sampler.says']).to.equal('keep');
    expect(seen.started).to.have.length(1);
  });

  it('starts nothing in a context where upstream suppressed tracing (e.g. an upstream exporter at work)', () => {
    const seen = recorder();
    const span = coreProvider({ processors: [seen] })
      .getTracer('suppressed')
      .startSpan('inside', {}, suppressTracing(ROOT_CONTEXT));
    expect(span.isRecording()).to.equal(false);
    expect(span.spanContext().traceId).to.match(/^0+$/);
    expect(seen.started).to.have.length(0);
  });

  it('startActiveSpan makes the span active for the callback and returns its result', () => {
    const tracer = coreProvider().getTracer('active');
    context.setGlobalContextManager(new AmbientContextManager().enable());
    try {
      let inside: ApiSpan | undefined;
      let started: ApiSpan | undefined;
      const result = tracer.startActiveSpan('outer', { attributes: { a: 1 } }, (span) => {
        started = span;
        inside = trace.getSpan(context.active());
        span.end();
        return 42;
      });
      expect(result).to.equal(42);
      expect(inside).to.equal(started);
      expect(trace.getSpan(context.active())).to.equal(undefined);
    } finally {
      context.disable();
    }
  });
});
