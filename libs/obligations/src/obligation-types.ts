/**
 * What the cooperative asks of its members and of itself. Each type knows which facts create an
 * obligation and which facts fulfil it; nobody ticks one off by hand.
 */
export const OBLIGATION_TYPES = [
  /** The member pays an invoice by its due date. */
  'invoice_payment',
  /** The provider logs the delivered hours within the term after the booking ended. */
  'hours_logging',
  /** The resident confirms delivered work within the term; afterwards it is confirmed automatically. */
  'consumer_confirmation',
  /** The resident cancels at least the notice period ahead; a late cancellation is a breach (with the booking policy's fee). */
  'timely_cancellation',
  /** A provider in a VOG category holds a valid VOG. */
  'vog_validity',
  /** A member delivers the hours a month agreed in a participation agreement. */
  'participation',
  /** The cooperative reports to its funders (foundations, the municipality) by the date they set. */
  'funder_report',
] as const;
export type ObligationType = (typeof OBLIGATION_TYPES)[number];

export const OBLIGATION_STATUSES = ['open', 'fulfilled', 'overdue', 'escalated', 'waived'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

/** Escalation, in order. Board review and suspension make an obligation `escalated`. */
export const ESCALATION_STEPS = ['reminder', 'second_reminder', 'board_review', 'suspension'] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];

/** A step taken this many days after the due date (negative: a warning before it). */
export interface StepRule {
  step: EscalationStep;
  afterDays: number;
}

export interface PolicyDefaults {
  /** Hours from the fact that starts the obligation to its due date (0: the fact carries its own date). */
  termHours: number;
  steps: StepRule[];
  /** Whether a suspension step may be configured, and what it suspends. */
  suspends: 'booking_rights' | 'vog_offers' | null;
  /** Steps another lib takes (and writes to the member about) itself; a policy cannot schedule them. */
  recordedSteps?: EscalationStep[];
  /** Where the term is kept when another lib owns it (the exchange's booking policy). */
  termFrom?: 'auto_complete_days' | 'cancellation_notice_hours';
}

/** The defaults a new cooperative starts with; the board changes them per type. */
export const POLICY_DEFAULTS: Readonly<Record<ObligationType, PolicyDefaults>> = {
  // The reminder and the 14-day letter are dunning's (libs/finance): recorded when they went out, never sent twice.
  invoice_payment: {
    termHours: 0,
    steps: [
      { step: 'board_review', afterDays: 35 },
      { step: 'suspension', afterDays: 60 },
    ],
    suspends: 'booking_rights',
    recordedSteps: ['reminder', 'second_reminder'],
  },
  hours_logging: {
    termHours: 72,
    steps: [
      { step: 'reminder', afterDays: 0 },
      { step: 'second_reminder', afterDays: 4 },
      { step: 'board_review', afterDays: 11 },
    ],
    suspends: 'booking_rights',
  },
  // The term is the booking policy's auto-completion: at the due date the exchange confirms the work itself.
  consumer_confirmation: { termHours: 7 * 24, steps: [{ step: 'reminder', afterDays: -2 }], suspends: null, termFrom: 'auto_complete_days' },
  // The term and the fee are the booking policy's notice period and late-cancellation fee.
  timely_cancellation: { termHours: 24, steps: [{ step: 'reminder', afterDays: 0 }], suspends: 'booking_rights', termFrom: 'cancellation_notice_hours' },
  vog_validity: {
    termHours: 0,
    steps: [
      { step: 'reminder', afterDays: -30 },
      { step: 'second_reminder', afterDays: -7 },
      { step: 'suspension', afterDays: 0 },
    ],
    suspends: 'vog_offers',
  },
  participation: {
    termHours: 0,
    steps: [
      { step: 'reminder', afterDays: -10 },
      { step: 'second_reminder', afterDays: 3 },
      { step: 'board_review', afterDays: 10 },
    ],
    suspends: null,
  },
  funder_report: {
    termHours: 0,
    steps: [
      { step: 'reminder', afterDays: -21 },
      { step: 'second_reminder', afterDays: -7 },
      { step: 'board_review', afterDays: 1 },
    ],
    suspends: null,
  },
};

/** A day in milliseconds, for ages and offsets counted in days. */
export const DAY_MS = 24 * 60 * 60 * 1000;

export const OPEN_STATUSES: readonly ObligationStatus[] = ['open', 'overdue', 'escalated'];
