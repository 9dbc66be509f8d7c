/**
 * A span for every named statement (lib/statements.ts) a database handle runs within a trace:
 * named after the data function (`productsByIds`, `reserve`), with the rows it returned. Never
 * the SQL text or a parameter: postgres.js has no instrumentation of its own, and the names are
 * the bounded, meaningful set anyway.
 */
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  ATTR_DB_SYSTEM_NAME,
  ATTR_ERROR_TYPE,
  DB_SYSTEM_NAME_VALUE_POSTGRESQL,
} from '@opentelemetry/semantic-conventions';
import { observeStatements } from '../statements';
import { activeTracer } from './active';

// Incubating in the semantic conventions: spelled out rather than imported (lib/tracing/spans.ts).
const ATTR_DB_RESPONSE_RETURNED_ROWS = 'db.response.returned_rows';

/** Traces the statements run with `db`; does nothing while tracing is off. */
export function traceStatements(db: object): void {
  const tracer = activeTracer();
  if (tracer === null) return;
  observeStatements(db, (name) => {
    // Statements outside a request (orders' recovery pass, readiness) start no trace of their own.
    if (trace.getSpan(context.active()) === undefined) return () => {};
    const span = tracer.startSpan(name, {
      kind: SpanKind.CLIENT,
      attributes: { [ATTR_DB_SYSTEM_NAME]: DB_SYSTEM_NAME_VALUE_POSTGRESQL },
    });
    return ({ rows, error }) => {
      if (rows !== undefined) span.setAttribute(ATTR_DB_RESPONSE_RETURNED_ROWS, rows);
      if (error !== undefined) {
        // PostgreSQL's SQLSTATE when there is one; a message could quote a value.
        const code = (error as { code?: unknown }).code;
        span.setAttribute(
          ATTR_ERROR_TYPE,
          typeof code === 'string' ? code : error instanceof Error ? error.name : 'Error',
        );
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    };
  });
}
