import type { TRawSql } from "@/lib/db/raw-sql";

// Every background job Reflex runs, with its payload. pg-boss keeps them in Postgres, so
// any instance (the console's own worker or `npx reflex worker`) may pick them up.

export const QUEUES = {
  /** Lift one containment at its TTL (the sweeper catches any that were missed). */
  expireContainment: "containment.expire",
  /** Run a containment through an outbound connector (identity, EDR, webhook). */
  executeContainment: "containment.execute",
  /** POST one signed notification to one outbound webhook. */
  deliverWebhook: "webhook.deliver",
  /** Every minute: expire due containments, decide alerts a crash left undecided. */
  sweep: "reflex.sweep",
  /** Every five minutes: campaign reminders and registration expiry notices. */
  remind: "protected.remind",
} as const;

export type TQueueName = (typeof QUEUES)[keyof typeof QUEUES];

export type TJobPayloads = {
  "containment.expire": { containmentId: string };
  "containment.execute": { containmentId: string };
  "webhook.deliver": { connectorId: string; event: Record<string, unknown> };
  "reflex.sweep": Record<string, never>;
  "protected.remind": Record<string, never>;
};

export type TJobOptions = { startAfter?: Date; singletonKey?: string };

/** One job to enqueue: its payload type follows its queue. */
export type TJob = { [Q in TQueueName]: { queue: Q; data: TJobPayloads[Q]; options?: TJobOptions } }[TQueueName];

/** What services need of the job engine: enqueue after their transaction committed, or in it. */
export type TJobSender = {
  send<Q extends TQueueName>(queue: Q, data: TJobPayloads[Q], options?: TJobOptions): Promise<void>;
  /** Every job in one statement: what a batch of decisions enqueues. */
  sendMany(jobs: readonly TJob[]): Promise<void>;
  /**
   * The jobs inserted in the caller's transaction: they exist exactly when what they announce
   * was committed. For jobs no sweep would send again if the process died between a commit
   * and a later insert.
   */
  sendManyWithin(tx: TRawSql, jobs: readonly TJob[]): Promise<void>;
};

/** A sender that keeps jobs in memory: for tests and for the benchmark's baseline. */
export function recordingJobSender(): TJobSender & { sent: { queue: TQueueName; data: unknown; options?: TJobOptions }[] } {
  const sent: { queue: TQueueName; data: unknown; options?: TJobOptions }[] = [];
  return {
    sent,
    async send(queue, data, options) {
      sent.push({ queue, data, options });
    },
    async sendMany(jobs) {
      sent.push(...jobs);
    },
    // Recorded at once: a test that rolls the transaction back needs the real engine.
    async sendManyWithin(_tx, jobs) {
      sent.push(...jobs);
    },
  };
}
