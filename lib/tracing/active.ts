/**
 * Whether this process traces, and the little every hot path asks of tracing. Until
 * `startTracing` (lib/tracing/provider.ts) registers a provider, `tracer` is null and every helper
 * here returns at its first line: no span, no context lookup, no header — tracing is absent, not
 * merely a no-op provider.
 */
import { context, propagation, trace, type Tracer } from '@opentelemetry/api';

let tracer: Tracer | null = null;

/** The tracer of Mercato's own spans while tracing is on; null when it is off. */
export function activeTracer(): Tracer | null {
  return tracer;
}

/** Set by startTracing once its provider is registered, and cleared by its shutdown. */
export function setActiveTracer(value: Tracer | null): void {
  tracer = value;
}

/** Adds the current trace context (W3C `traceparent`, `tracestate`) to `headers`. */
export function injectTraceContext(headers: Record<string, string>): void {
  if (tracer === null) return;
  propagation.inject(context.active(), headers);
}

/** The ids of the span the current work belongs to (for log lines), or undefined. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  if (tracer === null) return undefined;
  const span = trace.getSpan(context.active());
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}
