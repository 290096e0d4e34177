import { Language, MailTemplate, formatEuro } from '@buurtcoop/core';
import { formatLongDateWithWeekday } from '../invoices/document-format';

export interface DunningMailParams {
  /** As the invoice addressed them; null reads as "member". */
  name: string | null;
  invoices: Array<{ invoiceNumber: string; openCents: number }>;
  totalOpenCents: number;
  /** Statutory collection costs announced by the 14-day letter; 0 for a reminder. */
  collectionCostsCents: number;
  /** `YYYY-MM-DD`. */
  payBy: string;
  /** Where the member finds the letter and their invoices. */
  portalUrl: string;
}

const money = (cents: number, language: Language) => formatEuro(cents, language);
const invoiceList = (p: DunningMailParams, language: Language) => p.invoices.map((i) => `  ${i.invoiceNumber}  ${money(i.openCents, language)}`).join('\n');

const closingNl = (p: DunningMailParams) =>
  `De brief en uw facturen vindt u in Buurtcoop: ${p.portalUrl}\n\n` +
  'Heeft u inmiddels betaald? Dan kunt u dit bericht als niet verzonden beschouwen. Lukt betalen op dit moment niet? ' +
  'Neem dan contact op met de penningmeester; samen zoeken we naar een oplossing.\n\nMet vriendelijke groet,\nDe penningmeester\n';
const closingEn = (p: DunningMailParams) =>
  `You will find the letter and your invoices in Buurtcoop: ${p.portalUrl}\n\n` +
  "If you have already paid, please disregard this message. If you can't pay right now, please contact the treasurer " +
  'and we will find a solution together.\n\nKind regards,\nThe treasurer\n';

/** A week after the due date: a friendly reminder with a new term. */
export const DUNNING_REMINDER: MailTemplate<DunningMailParams> = {
  kind: 'dunning.reminder',
  nl: (p) => ({
    subject: 'Herinnering: openstaande factuur',
    body:
      `Beste ${p.name ?? 'lid'},\n\n` +
      `Volgens onze administratie staan de onderstaande facturen nog open. Wilt u ${money(p.totalOpenCents, 'nl')} uiterlijk ` +
      `${formatLongDateWithWeekday(p.payBy, 'nl')} overmaken, onder vermelding van het betalingskenmerk op de factuur?\n\n` +
      `${invoiceList(p, 'nl')}\n\n${closingNl(p)}`,
  }),
  en: (p) => ({
    subject: 'Reminder: unpaid invoice',
    body:
      `Dear ${p.name ?? 'member'},\n\n` +
      `According to our records the invoices below are still unpaid. Please transfer ${money(p.totalOpenCents, 'en')} by ` +
      `${formatLongDateWithWeekday(p.payBy, 'en')}, quoting the payment reference on the invoice.\n\n` +
      `${invoiceList(p, 'en')}\n\n${closingEn(p)}`,
  }),
};

/** The 14-day letter (art. 6:96 lid 6 BW): the last term before the statutory collection costs. */
export const DUNNING_NOTICE: MailTemplate<DunningMailParams> = {
  kind: 'dunning.notice',
  nl: (p) => ({
    subject: 'Laatste aanmaning: betaling binnen 14 dagen',
    body:
      `Beste ${p.name ?? 'lid'},\n\n` +
      `Ondanks onze herinnering staat er nog ${money(p.totalOpenCents, 'nl')} open. Wij verzoeken u dit bedrag binnen 14 dagen te betalen, ` +
      `te rekenen vanaf de dag na ontvangst van deze brief (uiterlijk ${formatLongDateWithWeekday(p.payBy, 'nl')} als deze brief u op tijd bereikt). ` +
      `Betaalt u niet binnen die termijn, dan brengen wij ${money(p.collectionCostsCents, 'nl')} incassokosten in rekening, zoals de wet toestaat.\n\n` +
      `${invoiceList(p, 'nl')}\n\n${closingNl(p)}`,
  }),
  en: (p) => ({
    subject: 'Final notice: payment within 14 days',
    body:
      `Dear ${p.name ?? 'member'},\n\n` +
      `Despite our reminder, ${money(p.totalOpenCents, 'en')} is still unpaid. Please pay this amount within 14 days from the day after you receive ` +
      `this letter (by ${formatLongDateWithWeekday(p.payBy, 'en')} at the latest if it reaches you in time). If payment does not follow within that term, ` +
      `we will charge collection costs of ${money(p.collectionCostsCents, 'en')}, as the law allows.\n\n` +
      `${invoiceList(p, 'en')}\n\n${closingEn(p)}`,
  }),
};
