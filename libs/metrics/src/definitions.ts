export type Labels = Record<string, string>;

export interface MetricDefinition {
  name: string;
  help: string;
  type: 'counter' | 'histogram' | 'gauge';
  /** Label names; when absent, the names of the first observation's labels. */
  labels?: readonly string[];
  /** Histogram bucket upper bounds, in seconds. */
  buckets?: readonly number[];
}

const SECONDS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800, 3600, 21600, 86400] as const;
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25] as const;

/**
 * Every metric the service reports. Labels are never PHI: status, payer key, channel, outcome,
 * route templates. Each process counts its own work; Prometheus adds the processes up (PromQL).
 */
export const METRICS = {
  created: {
    name: 'bvs_verifications_created_total',
    help: 'Verifications created, by channel and payer',
    type: 'counter',
    labels: ['channel', 'payer'],
  },
  settled: {
    name: 'bvs_verifications_settled_total',
    help: 'Verifications settled (completed, in review, manual, cancelled), by status, channel and payer',
    type: 'counter',
    labels: ['channel', 'payer', 'status'],
  },
  withinWindow: {
    name: 'bvs_verifications_within_window_total',
    help: 'Settled verifications (completed, in review, manual) by whether they were settled before the deadline, by channel and payer',
    type: 'counter',
    labels: ['channel', 'payer', 'within'],
  },
  transitions: {
    name: 'bvs_verification_transitions_total',
    help: 'Lifecycle transitions, by event and the statuses before and after',
    type: 'counter',
    labels: ['event', 'from', 'to'],
  },
  retries: {
    name: 'bvs_verification_retries_total',
    help: 'Attempts that failed and were retried, by payer and reason',
    type: 'counter',
    labels: ['payer', 'reason'],
  },
  queueSeconds: {
    name: 'bvs_verification_queue_seconds',
    help: 'Time from creation to the first attempt',
    type: 'histogram',
    labels: ['payer'],
    buckets: SECONDS_BUCKETS,
  },
  payerSeconds: {
    name: 'bvs_payer_response_seconds',
    help: 'Time the clearinghouse and payer took to answer, by payer',
    type: 'histogram',
    labels: ['payer'],
    buckets: SECONDS_BUCKETS,
  },
  payerRequests: {
    name: 'bvs_payer_requests_total',
    help: 'Inquiries sent to the clearinghouse, by payer and outcome (answered, rejected, or the transport failure: timeout, network, server_error, rate_limited, ...)',
    type: 'counter',
    labels: ['payer', 'outcome'],
  },
  totalSeconds: {
    name: 'bvs_verification_total_seconds',
    help: 'Time from creation to settlement (time to settle), by channel and payer',
    type: 'histogram',
    labels: ['channel', 'payer'],
    buckets: SECONDS_BUCKETS,
  },
  circuitOpen: {
    name: 'bvs_payer_circuit_open',
    help: '1 while the payer circuit breaker is open (read from the shared breaker state at each scrape)',
    type: 'gauge',
    labels: ['payer'],
  },
  webhooks: {
    name: 'bvs_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome',
    type: 'counter',
    labels: ['outcome'],
  },
  undecryptable: {
    name: 'bvs_records_undecryptable_total',
    help: 'Records a staff list skipped because they cannot be decrypted (a removed key, tampering)',
    type: 'counter',
    labels: ['where'],
  },
  queueJobs: {
    name: 'bvs_queue_jobs',
    help: 'BullMQ jobs by queue and state (waiting, active, delayed, failed; read from Redis at each scrape)',
    type: 'gauge',
    labels: ['queue', 'state'],
  },
  httpSeconds: {
    name: 'bvs_http_request_duration_seconds',
    help: 'HTTP requests served, by method, route template and status code',
    type: 'histogram',
    labels: ['method', 'route', 'status'],
    buckets: HTTP_BUCKETS,
  },
} as const satisfies Record<string, MetricDefinition>;
