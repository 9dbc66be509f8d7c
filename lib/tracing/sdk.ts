/**
 * The OpenTelemetry SDK of a process that traces, loaded by startTracing (lib/tracing/provider.ts)
 * only when tracing is on: a NodeTracerProvider registered as the global one (so @apollo/gateway's
 * own spans are recorded too), W3C trace-context propagation, and a batching OTLP/HTTP exporter in
 * the chosen encoding. The SDK reads the rest of the standard OTEL_* settings itself: endpoint,
 * headers, timeout and compression (the exporter), OTEL_BSP_* (the batch), OTEL_TRACES_SAMPLER
 * and span limits (the provider), OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME (the resource).
 */
import { context, diag, DiagLogLevel, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import {
  defaultResource,
  detectResources,
  envDetector,
  hostDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Logger } from '../log';
import { setActiveTracer } from './active';
import type { TracingSettings } from './settings';

/** How long the final export may take at stop. */
const SHUTDOWN_TIMEOUT_MS = 2_000;

/**
 * Registers the provider for the process `serviceName` and returns its shutdown. Exporter trouble
 * (an unreachable collector) is logged at warn: traces are lost, requests are not.
 */
export function registerProvider(
  serviceName: string,
  settings: TracingSettings,
  logger: Logger,
): () => Promise<void> {
  diag.setLogger(
    {
      error: (message, ...args) => logger.warn({ args }, `tracing: ${message}`),
      warn: (message, ...args) => logger.warn({ args }, `tracing: ${message}`),
      info: () => {},
      debug: () => {},
      verbose: () => {},
    },
    DiagLogLevel.WARN,
  );
  const exporter = settings.protocol === 'http/json' ? new JsonExporter() : new ProtobufExporter();
  const provider = new NodeTracerProvider({
    // Ours first, then what the environment says (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES).
    resource: defaultResource()
      .merge(
        resourceFromAttributes({
          [ATTR_SERVICE_NAME]: serviceName,
          'service.namespace': 'mercato',
        }),
      )
      .merge(detectResources({ detectors: [hostDetector, envDetector] })),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register();
  setActiveTracer(provider.getTracer('mercato'));
  logger.info({ protocol: settings.protocol }, 'tracing on');
  return async () => {
    setActiveTracer(null);
    // A collector that does not answer must not hold the process past its drain: the last
    // batch gets this long, then is given up with a warning.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), SHUTDOWN_TIMEOUT_MS);
    });
    try {
      const result = await Promise.race([provider.shutdown(), late]);
      if (result === 'late') logger.warn('tracing: the last spans were not exported in time');
    } finally {
      clearTimeout(timer);
      // Back to no tracing at all: the API's globals are unregistered too.
      trace.disable();
      propagation.disable();
      context.disable();
      diag.disable();
    }
  };
}
