import { MailTemplate } from '@buurtcoop/core';
import { EscalationStep, ObligationType } from '../obligation-types';

export interface ObligationMailParams {
  type: ObligationType;
  step: EscalationStep | 'manual_reminder';
  cooperativeName: string;
  recipientName: string;
  summary: string;
  /** `DD-MM-YYYY`, Dutch local time. */
  dueOn: string;
  /** Formatted, e.g. `€ 45,00`; empty when the obligation has no amount. */
  amount: string;
  /** Whether the due date has passed when the message is written. */
  late: boolean;
}

type RenderedMail = ReturnType<MailTemplate<ObligationMailParams>['nl']>;
type MailLanguage = 'nl' | 'en';

const WHAT: Record<MailLanguage, Record<ObligationType, string>> = {
  nl: {
    invoice_payment: 'de betaling van een factuur',
    hours_logging: 'het registreren van de gewerkte uren',
    consumer_confirmation: 'het bevestigen van geleverd werk',
    timely_cancellation: 'de kosten van een te late annulering',
    vog_validity: 'een geldige VOG (verklaring omtrent het gedrag)',
    participation: 'de afgesproken uren van uw deelname',
    funder_report: 'een verantwoording aan een financier',
  },
  en: {
    invoice_payment: 'paying an invoice',
    hours_logging: 'logging the hours you worked',
    consumer_confirmation: 'confirming delivered work',
    timely_cancellation: 'the cost of a late cancellation',
    vog_validity: 'a valid VOG (certificate of conduct)',
    participation: 'the hours agreed for your participation',
    funder_report: 'a report to a funder',
  },
};

function nl(p: ObligationMailParams): RenderedMail {
  const what = WHAT.nl[p.type];
  const about = `Het gaat om: ${p.summary}${p.amount ? ` (${p.amount})` : ''}.`;
  const sign = `Met vriendelijke groet,\n${p.cooperativeName}`;
  const due = p.late ? `Dit had uiterlijk ${p.dueOn} moeten gebeuren. Wilt u het zo snel mogelijk regelen?` : `Dit moet uiterlijk ${p.dueOn} gebeuren.`;
  switch (p.step) {
    case 'reminder':
    case 'manual_reminder':
      return { subject: `Herinnering: ${what}`, body: `Beste ${p.recipientName},\n\nEen herinnering over ${what}. ${about}\n${due}\n\n${sign}` };
    case 'second_reminder':
      return { subject: `Tweede herinnering: ${what}`, body: `Beste ${p.recipientName},\n\nWe hebben u eerder herinnerd aan ${what}. ${about}\n${due}\n\n${sign}` };
    case 'board_review':
      return {
        subject: `Het bestuur bekijkt een openstaande verplichting`,
        body: `Beste ${p.recipientName},\n\n${capital(what)} is nog niet in orde. ${about}\nHet bestuur van ${p.cooperativeName} bespreekt dit nu. Speelt er iets? Neem dan gerust contact met ons op.\n\n${sign}`,
      };
    case 'suspension':
      return p.type === 'vog_validity'
        ? {
            subject: `Uw aanbod waarvoor een VOG nodig is, staat op pauze`,
            body: `Beste ${p.recipientName},\n\nUw VOG is verlopen (${p.summary}). Uw aanbod in diensten waarvoor een VOG nodig is, staat daarom op pauze. Lever een nieuwe VOG aan; zodra die is gecontroleerd, staat uw aanbod weer aan.\n\n${sign}`,
          }
        : {
            subject: `U kunt tijdelijk geen diensten boeken`,
            body: `Beste ${p.recipientName},\n\n${capital(what)} is nog steeds niet in orde. ${about}\nDaarom kunt u voorlopig geen diensten boeken. Zodra het in orde is, kunt u weer boeken.\n\n${sign}`,
          };
  }
}

function en(p: ObligationMailParams): RenderedMail {
  const what = WHAT.en[p.type];
  const about = `This is about: ${p.summary}${p.amount ? ` (${p.amount})` : ''}.`;
  const sign = `Kind regards,\n${p.cooperativeName}`;
  const due = p.late ? `This was due by ${p.dueOn}. Please take care of it as soon as you can.` : `This is due by ${p.dueOn}.`;
  switch (p.step) {
    case 'reminder':
    case 'manual_reminder':
      return { subject: `Reminder: ${what}`, body: `Dear ${p.recipientName},\n\nA reminder about ${what}. ${about}\n${due}\n\n${sign}` };
    case 'second_reminder':
      return { subject: `Second reminder: ${what}`, body: `Dear ${p.recipientName},\n\nWe reminded you earlier about ${what}. ${about}\n${due}\n\n${sign}` };
    case 'board_review':
      return {
        subject: `The board is reviewing an outstanding obligation`,
        body: `Dear ${p.recipientName},\n\n${capital(what)} is still outstanding. ${about}\nThe board of ${p.cooperativeName} is now reviewing it. If something is going on, please get in touch.\n\n${sign}`,
      };
    case 'suspension':
      return p.type === 'vog_validity'
        ? {
            subject: `Your offers that need a VOG are paused`,
            body: `Dear ${p.recipientName},\n\nYour VOG has expired (${p.summary}). Your offers for services that need a VOG are therefore paused. Please hand in a new VOG; once it has been checked, your offers are switched back on.\n\n${sign}`,
          }
        : {
            subject: `You cannot book services for now`,
            body: `Dear ${p.recipientName},\n\n${capital(what)} is still outstanding. ${about}\nYou therefore cannot book services for the time being. As soon as it is settled, you can book again.\n\n${sign}`,
          };
  }
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The message for one step of one type of obligation, in Dutch and English (`obligation.<type>.<step>`). */
export function obligationMail(type: ObligationType, step: ObligationMailParams['step']): MailTemplate<ObligationMailParams> {
  return { kind: `obligation.${type}.${step}`, nl, en };
}
