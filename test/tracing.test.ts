import { context, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { subgraphEnv } from '../lib/env';
import { createLogger, requestFields } from '../lib/log';
import { forwardedHeaders, runInRequestScope } from '../lib/request-scope';
import { randomSecret } from '../lib/secrets';
import { activeTracer } from '../lib/tracing/active';
import { startTracing } from '../lib/tracing/provider';
import { routerEnv } from '../router/env';
import { startOtlpReceiver } from './support/otlp';
import { problemsOf } from './support/config';

/**
 * Tracing's settings, its absence when they are unset, and what it adds to log lines and
 * forwarded headers. The traces themselves are the process tier's (test/e2e/traces.test.ts):
 * each process must have its own provider and service.name, which one test process hosting six
 * servers cannot have.
 */
const good = { INTERNAL_SECRET: randomSecret(), JWT_SECRET: randomSecret() };
const database = { DATABASE_URL: 'postgres://127.0.0.1/mercato' };

describe('tracing settings', () => {
  it('are off unless an OTLP endpoint is set', () => {
    expect(routerEnv(good).tracing).toBeNull();
    expect(subgraphEnv('catalog', { ...good, ...database }).tracing).toBeNull();
  });

  it('take the endpoint, protobuf by default, JSON when asked, the traces-only settings first', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(routerEnv({ ...good, ...endpoint }).tracing).toEqual({ protocol: 'http/protobuf' });
    expect(
      subgraphEnv('orders', {
        ...good,
        ...database,
        ...endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      }).tracing,
    ).toEqual({ protocol: 'http/json' });
    expect(
      routerEnv({
        ...good,
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
      }).tracing,
    ).toEqual({ protocol: 'http/protobuf' });
  });

  it('are off when the SDK is disabled or the traces exporter is none', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(routerEnv({ ...good, ...endpoint, OTEL_SDK_DISABLED: 'true' }).tracing).toBeNull();
    expect(routerEnv({ ...good, ...endpoint, OTEL_TRACES_EXPORTER: 'none' }).tracing).toBeNull();
  });

  it('refuse gRPC, an unknown protocol and an endpoint that is no URL, all at once', () => {
    const problems = problemsOf(() =>
      subgraphEnv('inventory', {
        ...good,
        ...database,
        OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http',
      }),
    );
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(
      /OTEL_EXPORTER_OTLP_ENDPOINT: must be an http:\/\/ or https:\/\/ URL/,
    );
    expect(problems.join('\n')).toMatch(
      /OTEL_EXPORTER_OTLP_PROTOCOL: must be http\/protobuf or http\/json \(gRPC is not supported\)/,
    );
    expect(problems.join('\n')).toMatch(/OTEL_EXPORTER_OTLP_TRACES_PROTOCOL/);
  });
});

describe('tracing off', () => {
  it('registers no provider, forwards no trace context and logs no trace id', async () => {
    const tracing = await startTracing('mercato-router', null, createLogger('test', 'silent'));
    expect(activeTracer()).toBeNull();
    // The API's global is still its no-op: a span started through it records nothing and has
    // no valid ids.
    const span = trace.getTracer('probe').startSpan('probe');
    expect(span.isRecording()).toBe(false);
    expect(trace.isSpanContextValid(span.spanContext())).toBe(false);
    span.end();
    const seen = runInRequestScope({ requestId: 'r-1', access: {} }, () => ({
      headers: forwardedHeaders(),
      fields: requestFields(),
    }));
    expect(seen).toEqual({ headers: { 'x-request-id': 'r-1' }, fields: { requestId: 'r-1' } });
    await tracing.shutdown();
  });
});

describe('tracing on', () => {
  it('puts the trace and span ids on log lines and the traceparent on forwarded headers', async () => {
    const receiver = await startOtlpReceiver();
    // The exporter reads its endpoint from the environment, as in a real process.
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.endpoint;
    const tracing = await startTracing(
      'mercato-test',
      { protocol: 'http/json' },
      createLogger('test', 'silent'),
    );
    let ids: { traceId: string; spanId: string };
    let seen: { headers: Record<string, string>; fields: Record<string, unknown> };
    try {
      const span = activeTracer()!.startSpan('work');
      ids = span.spanContext();
      seen = context.with(trace.setSpan(context.active(), span), () =>
        runInRequestScope({ requestId: 'r-2', access: {} }, () => ({
          headers: forwardedHeaders(),
          fields: requestFields(),
        })),
      );
      span.end();
    } finally {
      // Flushes to the receiver and unregisters everything: other files share this worker.
      await tracing.shutdown();
      delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
      await receiver.close();
    }
    expect(seen.fields).toEqual({ requestId: 'r-2', traceId: ids.traceId, spanId: ids.spanId });
    expect(seen.headers).toEqual({
      'x-request-id': 'r-2',
      traceparent: `00-${ids.traceId}-${ids.spanId}-01`,
    });
    expect(receiver.spans.map((s) => [s.service, s.name, s.traceId])).toEqual([
      ['mercato-test', 'work', ids.traceId],
    ]);
    // Shut down, it is off again.
    expect(activeTracer()).toBeNull();
    expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(false);
  });
});
