import { context, trace, type Context } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { UserInteractionInstrumentation } from '@opentelemetry/instrumentation-user-interaction';
import { expect } from 'chai';
import type { Config } from '../../src/config';
import { init } from '../../src/index';
import type { ReadableSpan, Span, SpanProcessor } from '../../src/trace/types';
import { captureConsole } from '../support/helpers';
import { useSdk } from '../support/sdk';
import { byUrl, clickOn, mount } from '../support/interactions-helpers';

// Extending the SDK the OpenTelemetry way: the app's own spans, an upstream instrumentation registered
// with registerInstrumentations, and the user's own span processors, all through the real wire.

describe('extending the SDK', () => {
  const sdk = useSdk('extend');
  const tracer = () => trace.getTracer('app');

  afterEach(() => {
    document.getElementById('mount')?.remove();
  });

  function start(extra: Partial<Config> = {}): void {
    sdk.start({ propagateTo: [sdk.servers.api], instrumentations: { documentLoad: false }, ...extra });
  }

  it('a fetch inside an app span is its child', async () => {
    start();
    const span = tracer().startSpan('app work');
    await context.with(trace.setSpan(context.active(), span), () => fetch(`${sdk.servers.api}/items?id=extend-inside-app`));
    span.end();
    const spans = await sdk.spans((all) => !!byUrl(all, 'extend-inside-app') && all.some((x) => x.name === 'app work'));
    const app = spans.find((x) => x.name === 'app work')!;
    expect(byUrl(spans, 'extend-inside-app')!.parentSpanId).to.equal(app.spanId);
    expect(byUrl(spans, 'extend-inside-app')!.traceId).to.equal(app.traceId);
  });

  it('an app span started in a click handler is the click’s child', async () => {
    start();
    const root = mount('<button id="pay">Pay</button>');
    root.querySelector('#pay')!.addEventListener('click', () => tracer().startSpan('app in click').end());
    await clickOn(root.querySelector('#pay')!);
    const spans = await sdk.spans((all) => all.some((x) => x.name === 'app in click') && all.some((x) => x.name === 'click button#pay'));
    const click = spans.find((x) => x.name === 'click button#pay')!;
    expect(spans.find((x) => x.name === 'app in click')!.parentSpanId).to.equal(click.spanId);
  });

  it('the user’s span processors see spans start, and end as they are exported (redacted)', async () => {
    const started: { name: string; parent?: string }[] = [];
    const ended: ReadableSpan[] = [];
    let shutdown = false;
    const mine: SpanProcessor = {
      onStart: (span: Span, parentContext: Context) => void started.push({ name: span.name, parent: trace.getSpan(parentContext)?.spanContext().spanId }),
      onEnd: (span) => void ended.push(span),
      forceFlush: () => Promise.resolve(),
      shutdown: async () => void (shutdown = true),
    };
    start({ spanProcessors: [mine] });
    const parent = tracer().startSpan('parent');
    await context.with(trace.setSpan(context.active(), parent), () => fetch(`${sdk.servers.api}/items?id=extend-processor&token=secret-value`));
    parent.end();
    const spans = await sdk.spans((all) => !!byUrl(all, 'extend-processor') && all.some((x) => x.name === 'parent'));
    const exported = byUrl(spans, 'extend-processor')!;
    expect(started.find((x) => x.name === 'parent')).to.deep.equal({ name: 'parent', parent: undefined });
    expect(started.some((x) => x.parent === parent.spanContext().spanId)).to.equal(true);
    const seen = ended.find((span) => span.spanContext().spanId === exported.spanId)!;
    expect(seen, 'the fetch span reached onEnd').to.not.equal(undefined);
    expect(String(seen.attributes['url.full'])).to.equal(String(exported.attributes['url.full']));
    expect(String(seen.attributes['url.full'])).to.not.include('secret-value');
    expect(seen.resource.attributes['service.name']).to.equal(sdk.service);
    await sdk.otel!.shutdown();
    expect(shutdown).to.equal(true);
  });

  it('a user’s processor that throws is reported once and the page and the export go on', async () => {
    const broken: SpanProcessor = {
      onStart() {
        throw new Error('mine broke');
      },
      onEnd() {
        throw new Error('mine broke');
      },
      forceFlush: () => Promise.resolve(),
      shutdown: () => Promise.resolve(),
    };
    start({ spanProcessors: [broken] });
    const { warnings } = captureConsole(() => {
      tracer().startSpan('survives 1').end();
      tracer().startSpan('survives 2').end();
    });
    expect(warnings).to.have.length(1);
    expect(String(warnings[0][0])).to.match(/^\[otel-browser\] a span processor's onStart threw/);
    await sdk.spans((all) => all.some((x) => x.name === 'survives 1') && all.some((x) => x.name === 'survives 2'));
  });

  it('refuses a spanProcessors entry without the OpenTelemetry shape, naming the field', () => {
    const { result, errors } = captureConsole(() =>
      init({ endpoint: `${sdk.servers.receiver}/v1/traces`, serviceName: 'bad-processors', spanProcessors: [{ onStart() {} } as unknown as SpanProcessor] }),
    );
    expect(errors).to.have.length(1);
    expect(String(errors[0][0])).to.include('[otel-browser]').and.include('spanProcessors[0] must be a span processor').and.include('Object with onStart');
    expect(trace.getTracer('x').startSpan('off').isRecording()).to.equal(false);
    return result.shutdown();
  });

  it('an upstream instrumentation registered with registerInstrumentations exports through the SDK', async () => {
    start({ instrumentations: { documentLoad: false, userInteraction: false } });
    const unregister = registerInstrumentations({ instrumentations: [new UserInteractionInstrumentation()] });
    try {
      const root = mount('<button id="upstream">Go</button>');
      // Added after enable(): upstream wraps addEventListener.
      root.querySelector('#upstream')!.addEventListener('click', () => tracer().startSpan('under upstream click').end());
      await clickOn(root.querySelector('#upstream')!);
      const spans = await sdk.spans(
        (all) => all.some((x) => x.scope === '@opentelemetry/instrumentation-user-interaction') && all.some((x) => x.name === 'under upstream click'),
      );
      // Upstream makes one span per listener the click reaches (the test page may have its own); ours is the app span's parent.
      const app = spans.find((x) => x.name === 'under upstream click')!;
      const upstream = spans.find((x) => x.spanId === app.parentSpanId)!;
      expect(upstream, 'the app span’s parent was exported').to.not.equal(undefined);
      expect(upstream.scope).to.equal('@opentelemetry/instrumentation-user-interaction');
      expect(upstream.name).to.equal('click');
      expect(upstream.attributes['target_element']).to.equal('BUTTON');
      expect(upstream.resource['service.name']).to.equal(sdk.service);
    } finally {
      unregister();
    }
  });
});
