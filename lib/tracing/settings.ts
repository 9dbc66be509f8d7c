/**
 * OpenTelemetry's standard settings, as far as Mercato reads them itself: tracing is on when an
 * OTLP endpoint is set (OTEL_EXPORTER_OTLP_ENDPOINT, or the traces-only one), unless
 * OTEL_SDK_DISABLED or OTEL_TRACES_EXPORTER=none say otherwise. Everything else (headers,
 * timeout, compression, OTEL_BSP_*, OTEL_TRACES_SAMPLER, OTEL_RESOURCE_ATTRIBUTES,
 * OTEL_SERVICE_NAME) the SDK reads from the environment itself; what is checked here is what a
 * typo would silently turn into "no traces".
 */
import { z } from 'zod';

/** OTLP over HTTP; gRPC would need another exporter and is refused at start. */
const protocol = z.enum(['http/protobuf', 'http/json'], {
  message: 'must be http/protobuf or http/json (gRPC is not supported)',
});

/** `collector:4318` parses as a URL (scheme `collector:`); the exporter needs http(s). */
const httpUrl = z
  .string()
  .regex(/^https?:\/\/[^/]/, { message: 'must be an http:// or https:// URL' })
  .pipe(z.string().url());

export const tracingSettings = {
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl.optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: protocol.optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: protocol.optional(),
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'none']).optional(),
  OTEL_SDK_DISABLED: z.enum(['true', 'false']).optional(),
};

export type TracingProtocol = z.infer<typeof protocol>;

/** How to export traces; null: tracing is off. */
export interface TracingSettings {
  protocol: TracingProtocol;
}

type TracingEnv = {
  [K in keyof typeof tracingSettings]?: z.infer<(typeof tracingSettings)[K]>;
};

/** The parsed `tracingSettings`: null unless an endpoint is set and nothing turns tracing off. */
export function tracingFrom(env: TracingEnv): TracingSettings | null {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint || env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') {
    return null;
  }
  return {
    // The specification's default for OTLP over HTTP.
    protocol:
      env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf',
  };
}
