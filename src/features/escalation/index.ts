import type { Feature } from '../../kernel/feature.js';
import { ack } from './ack.js';
import { ackRenotify } from './ack-renotify-job.js';
import { escalate } from './escalate.js';
import { escalationsList, escalationsTimeouts } from './escalations.js';
import { escalationsLadder } from './escalations-ladder.js';
import { handback } from './handback.js';
import { ladderStep } from './ladder-step-job.js';
import { note } from './note.js';
import { pageStep } from './page-step-job.js';
import { reopen } from './reopen.js';
import { resolve } from './resolve.js';

/** Escalation handoffs: the card, its buttons and the ladder that notifies until someone acknowledges. */
export const escalationFeature: Feature = {
  name: 'escalation',
  commands: [escalate, ack, resolve, reopen, handback, note, escalationsList, escalationsTimeouts, escalationsLadder],
  jobKinds: [ladderStep, ackRenotify, pageStep],
};

// What inbound hooks (the integrations feature) open and step escalations with.
export { checkTicket, parsePriority } from './escalate.js';
export { applyEscalationStep, refreshCardIn, type Stepper } from './escalation-actions.js';
export { MAX_SUMMARY } from './escalation-args.js';
export { type EscalateArgs, openEscalation } from './open-escalation.js';
