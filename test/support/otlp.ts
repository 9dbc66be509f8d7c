/**
 * A real OTLP/HTTP trace receiver in the test's process: it accepts `POST /v1/traces` in both
 * encodings the processes may use — `application/json` (OTLP/JSON) and `application/x-protobuf`
 * (decoded with OpenTelemetry's generated protobuf types, not with the exporter's own encoder),
 * gzip or not — and keeps every span it was sent, flattened with its service's name.
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { closeServer, listen, readBody } from '../../lib/http';
import { waitFor } from './integrity';

export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  name: string;
  /** OTLP's SpanKind: 1 internal, 2 server, 3 client. */
  kind: number;
  startNs: bigint;
  endNs: bigint;
  attributes: Record<string, string | number | boolean>;
  /** OTLP's status code: 0 unset, 1 ok, 2 error. */
  statusCode: number;
}

export interface OtlpReceiver {
  /** The endpoint to give as OTEL_EXPORTER_OTLP_ENDPOINT (the exporter adds /v1/traces). */
  endpoint: string;
  spans: ReceivedSpan[];
  /** Which encoding each service's exports came in (content types seen, by service). */
  encodings: Map<string, Set<string>>;
  /** Exports it could not read (answered 400/415): each with why. */
  failures: string[];
  /** The spans of one trace once `done` holds for them (polled), else throws after `timeoutMs`. */
  trace(
    traceId: string,
    done: (spans: ReceivedSpan[]) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedSpan[]>;
  close(): Promise<void>;
}

interface DecodedValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
}
interface DecodedRequest {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value?: DecodedValue }[] };
    scopeSpans?: {
      spans?: {
        traceId: string | Uint8Array;
        spanId: string | Uint8Array;
        parentSpanId?: string | Uint8Array;
        name: string;
        kind?: number;
        startTimeUnixNano: string | number;
        endTimeUnixNano: string | number;
        attributes?: { key: string; value?: DecodedValue }[];
        status?: { code?: number };
      }[];
    }[];
  }[];
}

interface ProtobufType {
  decode(bytes: Uint8Array): object;
  toObject(
    message: object,
    options: { longs: StringConstructor; enums: NumberConstructor },
  ): unknown;
}

// The generated OTLP types of @opentelemetry/otlp-transformer (a CommonJS module of protobufjs
// static code).
const generated = createRequire(import.meta.url)(
  '@opentelemetry/otlp-transformer/build/src/generated/root.js',
) as {
  opentelemetry: {
    proto: { collector: { trace: { v1: { ExportTraceServiceRequest: ProtobufType } } } };
  };
};
const ExportTraceServiceRequest =
  generated.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/** OTLP/JSON gives ids in hex; protobuf as bytes. */
const hex = (id: string | Uint8Array | undefined) =>
  id === undefined ? '' : typeof id === 'string' ? id : Buffer.from(id).toString('hex');

function valueOf(value: DecodedValue | undefined): string | number | boolean {
  if (value?.stringValue !== undefined) return value.stringValue;
  if (value?.boolValue !== undefined) return value.boolValue;
  if (value?.intValue !== undefined) return Number(value.intValue);
  if (value?.doubleValue !== undefined) return value.doubleValue;
  return '';
}

const attributesOf = (list: { key: string; value?: DecodedValue }[] | undefined) =>
  Object.fromEntries((list ?? []).map(({ key, value }) => [key, valueOf(value)]));

function flatten(request: DecodedRequest): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
    for (const scope of resourceSpans.scopeSpans ?? []) {
      for (const span of scope.spans ?? []) {
        spans.push({
          service,
          traceId: hex(span.traceId),
          spanId: hex(span.spanId),
          parentSpanId: hex(span.parentSpanId),
          name: span.name,
          kind: span.kind ?? 0,
          startNs: BigInt(span.startTimeUnixNano),
          endNs: BigInt(span.endTimeUnixNano),
          attributes: attributesOf(span.attributes),
          statusCode: span.status?.code ?? 0,
        });
      }
    }
  }
  return spans;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const encodings = new Map<string, Set<string>>();
  const failures: string[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      let body = await readBody(req, 32_000_000);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      let received: ReceivedSpan[];
      if (contentType === 'application/json') {
        received = flatten(JSON.parse(body.toString('utf8')) as DecodedRequest);
      } else if (contentType === 'application/x-protobuf') {
        const message = ExportTraceServiceRequest.decode(body);
        received = flatten(
          ExportTraceServiceRequest.toObject(message, {
            longs: String,
            enums: Number,
          }) as DecodedRequest,
        );
      } else {
        failures.push(`unsupported content type ${contentType}`);
        res.writeHead(415).end();
        return;
      }
      spans.push(...received);
      for (const service of new Set(received.map((s) => s.service))) {
        encodings.set(service, (encodings.get(service) ?? new Set()).add(contentType));
      }
      // An empty ExportTraceServiceResponse: full success, in the request's encoding.
      res.writeHead(200, { 'content-type': contentType });
      res.end(contentType === 'application/json' ? '{}' : '');
    })().catch((error: unknown) => {
      failures.push(String(error));
      if (!res.headersSent) res.writeHead(400);
      res.end();
    });
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    encodings,
    failures,
    async trace(traceId, done, timeoutMs = 15_000) {
      const of = () => spans.filter((s) => s.traceId === traceId);
      await waitFor(async () => done(of()), timeoutMs);
      return of();
    },
    close: () => closeServer(server),
  };
}
