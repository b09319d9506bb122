/**
 * Platform deliveries already acted on, by the platform's own id for each (a Slack event_id or
 * trigger_id, a Teams activity id): platforms deliver again when they think a delivery was missed,
 * and a redelivery must take effect once. Durable, so that this holds across a restart.
 */
export interface DeliveryRepo {
  /** Records the delivery; false when it was already recorded (then nothing is written). */
  markSeen(key: string, at: Date): Promise<boolean>;
  /** Records deliveries together; those already recorded are left as they are. */
  markAllSeen(deliveries: readonly { key: string; at: Date }[]): Promise<void>;
  seen(key: string): Promise<boolean>;
  /** Forgets up to `limit` deliveries recorded before `before`: platforms stop redelivering long before that. */
  prune(before: Date, limit: number): Promise<number>;
}
