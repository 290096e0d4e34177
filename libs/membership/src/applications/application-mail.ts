import { MailTemplate } from '@buurtcoop/core';

export interface RejectionParams {
  cooperativeName: string;
  /** First name, or the organisation's name. */
  name: string;
  /** The board's reason, as they wrote it. */
  reason: string;
}

/** Sent to an applicant the board did not admit, with the board's reason. */
export const APPLICATION_REJECTED: MailTemplate<RejectionParams> = {
  kind: 'application.rejected',
  nl: (p) => ({
    subject: `Uw aanmelding bij ${p.cooperativeName}`,
    body:
      `Beste ${p.name},\n\n` +
      `Hartelijk dank voor uw aanmelding bij ${p.cooperativeName}. Het bestuur heeft besloten u niet als lid toe te laten, om de volgende reden:\n\n` +
      `${p.reason}\n\n` +
      'Heeft u vragen over dit besluit? Neem dan gerust contact op met het bestuur.\n\n' +
      'Met vriendelijke groet,\nHet bestuur',
  }),
  en: (p) => ({
    subject: `Your application to ${p.cooperativeName}`,
    body:
      `Dear ${p.name},\n\n` +
      `Thank you for applying to ${p.cooperativeName}. The board has decided not to admit you as a member, for the following reason:\n\n` +
      `${p.reason}\n\n` +
      'If you have any questions about this decision, please feel free to contact the board.\n\n' +
      'Kind regards,\nThe board',
  }),
};
