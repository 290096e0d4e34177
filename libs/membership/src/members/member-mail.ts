import { MailTemplate } from '@buurtcoop/core';

export interface InvitationParams {
  cooperativeName: string;
  /** First name, or the organisation's name. */
  name: string;
  memberNumber: number;
  /** Null when the member already has an account (in another cooperative). */
  activationLink: string | null;
}

/** Sent when someone becomes a member: their number, and how to get into their account. */
export const MEMBER_INVITATION: MailTemplate<InvitationParams> = {
  kind: 'member.invitation',
  nl: (p) => ({
    subject: `Welkom bij ${p.cooperativeName}`,
    body:
      `Beste ${p.name},\n\n` +
      `Welkom! U bent nu lid van ${p.cooperativeName}, met lidnummer ${p.memberNumber}.\n\n` +
      (p.activationLink
        ? `Maak uw account aan via onderstaande link. De link is 14 dagen geldig.\n${p.activationLink}\n\n`
        : 'U kunt inloggen met het account dat u al heeft.\n\n') +
      'Met vriendelijke groet,\nHet bestuur',
  }),
  en: (p) => ({
    subject: `Welcome to ${p.cooperativeName}`,
    body:
      `Dear ${p.name},\n\n` +
      `Welcome! You are now a member of ${p.cooperativeName}, with member number ${p.memberNumber}.\n\n` +
      (p.activationLink ? `Please set up your account with the link below. It is valid for 14 days.\n${p.activationLink}\n\n` : 'You can log in with the account you already have.\n\n') +
      'Kind regards,\nThe board',
  }),
};
