/**
 * A subgraph server's application metrics, on a registry of its own (one per server: the test
 * stacks run six servers in one process, and each /metrics must describe its own server).
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Admission } from '../admission';
import type { BatchObserver } from '../batch';
import { observeStatements } from '../statements';
import { BoundedLabel } from './bounded';
import { durationBuckets } from './buckets';

/**
 * Subgraphs see the router's generated query-plan names (and clients' names through them), an
 * open set: the first this many keep their name, the rest are `(other)`.
 */
const operationNameCap = 100;

export interface SubgraphMetrics {
  registry: Registry;
  /**
   * Counts statement calls, their duration and errors by statement name on a drizzle handle;
   * `poolMax` is its pool's size.
   */
  observeDatabase(db: object, poolMax: number): void;
  /** In flight and queued operations of the subgraph's admission (refusals: admissionRefused). */
  observeAdmission(admission: Admission): void;
  /** Told when admission refuses a request. */
  admissionRefused(): void;
  /** Operation duration by (bounded) operation name, of operations Apollo runs. */
  plugin: ApolloServerPlugin;
  /**
   * The same for a query run without Apollo's pipeline (lib/direct-queries.ts), also counted
   * apart: how much of the traffic takes that path.
   */
  directOperation(operationName: string | undefined, seconds: number): void;
  /** Batch sizes of every named DataLoader (lib/batch.ts `namedLoader`). */
  batchObserver: BatchObserver;
}

export function createSubgraphMetrics(): SubgraphMetrics {
  const registry = new Registry();
  const statements = new Counter({
    name: 'mercato_db_statements_total',
    help: 'Named data-function calls (lib/statements.ts), by statement name',
    labelNames: ['statement'],
    registers: [registry],
  });
  const statementErrors = new Counter({
    name: 'mercato_db_statement_errors_total',
    help: 'Named data-function calls that failed, by statement name',
    labelNames: ['statement'],
    registers: [registry],
  });
  const statementDuration = new Histogram({
    name: 'mercato_db_statement_duration_seconds',
    help: 'Duration of named data-function calls, pool wait included, by statement name',
    labelNames: ['statement'],
    buckets: durationBuckets,
    registers: [registry],
  });
  // postgres.js keeps its pool state private; statements in flight (running or waiting for a
  // connection) are counted around the calls instead.
  const inFlight = new Gauge({
    name: 'mercato_db_statements_in_flight',
    help: 'Named data-function calls running or waiting for a pooled connection',
    registers: [registry],
  });
  const operations = new Histogram({
    name: 'mercato_subgraph_operation_duration_seconds',
    help: 'Duration of GraphQL operations this subgraph served, by operation name (capped)',
    labelNames: ['operation'],
    buckets: durationBuckets,
    registers: [registry],
  });
  const refused = new Counter({
    name: 'mercato_admission_refused_total',
    help: 'Requests answered 503 after waiting their whole allowance for an admission slot',
    registers: [registry],
  });
  const batchSize = new Histogram({
    name: 'mercato_dataloader_batch_size',
    help: 'Keys per DataLoader batch, by loader name',
    labelNames: ['loader'],
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
    registers: [registry],
  });
  const names = new BoundedLabel(operationNameCap);
  const direct = new Counter({
    name: 'mercato_subgraph_direct_operations_total',
    help: "Queries answered without Apollo's request pipeline (a document Apollo accepted before)",
    registers: [registry],
  });
  const observeOperation = (operationName: string | undefined, seconds: number) =>
    operations.observe({ operation: names.value(operationName) }, seconds);
  return {
    directOperation(operationName, seconds) {
      observeOperation(operationName, seconds);
      direct.inc();
    },
    registry,
    batchObserver: (loader, size) => batchSize.observe({ loader }, size),
    observeDatabase(db, poolMax) {
      new Gauge({
        name: 'mercato_db_pool_max_connections',
        help: 'Connections the PostgreSQL pool may open',
        registers: [registry],
      }).set(poolMax);
      observeStatements(db, (name) => {
        const stop = statementDuration.startTimer({ statement: name });
        statements.inc({ statement: name });
        inFlight.inc();
        return ({ error }) => {
          stop();
          inFlight.dec();
          if (error !== undefined) statementErrors.inc({ statement: name });
        };
      });
    },
    observeAdmission(admission) {
      new Gauge({
        name: 'mercato_admission_in_flight',
        help: 'Operations admitted and running now',
        registers: [registry],
        collect() {
          this.set(admission.inFlight);
        },
      });
      new Gauge({
        name: 'mercato_admission_queued',
        help: 'Operations waiting for an admission slot now',
        registers: [registry],
        collect() {
          this.set(admission.queued);
        },
      });
    },
    admissionRefused: () => refused.inc(),
    plugin: {
      async requestDidStart() {
        const started = process.hrtime.bigint();
        return {
          async willSendResponse({ request, operationName }) {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            observeOperation(operationName ?? request.operationName, seconds);
          },
        };
      },
    },
  };
}
