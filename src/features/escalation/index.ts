import type { Feature } from '../../kernel/feature.js';
import { ack } from './ack.js';
import { ackRenotify } from './ack-renotify-job.js';
import { escalate } from './escalate.js';
import { escalationsList, escalationsTimeouts } from './escalations.js';
import { handback } from './handback.js';
import { note } from './note.js';
import { pageStep } from './page-step-job.js';
import { resolve } from './resolve.js';

/** Escalation handoffs: the card, its buttons and the re-notifications. */
export const escalationFeature: Feature = {
  name: 'escalation',
  commands: [escalate, ack, resolve, handback, note, escalationsList, escalationsTimeouts],
  jobKinds: [ackRenotify, pageStep],
};

// What inbound hooks (the integrations feature) open and step escalations with.
export { checkTicket, parsePriority } from './escalate.js';
export { applyEscalationStep, refreshCardIn, type Stepper } from './escalation-actions.js';
export { MAX_SUMMARY } from './escalation-args.js';
export { type EscalateArgs, openEscalation } from './open-escalation.js';
