import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Actor, AppConfig, AuditService, Clock, CooperativeId, MailService, addDays, dutchDate, formatEuro } from '@buurtcoop/core';
import { MembersService } from '@buurtcoop/membership';
import { collectionCostsCents, noticeTermEnd } from '../invoices/invoice-pdf';
import { InvoiceDocumentsService } from '../invoices/invoice-documents.service';
import { InvoiceError, InvoiceErrorCode } from '../invoices/invoices.errors';
import { DueLetter, DunningRepository } from './dunning.repository';
import { NoticeStage, PaymentNotice } from './entities/payment-notice.entity';

/** Days after the due date before the reminder goes out: a payment on its way gets time to arrive. */
export const REMINDER_AFTER_DAYS = 7;
/** Days after the reminder before the 14-day letter. */
export const NOTICE_AFTER_DAYS = 14;
/** What a reminder gives to pay. */
export const REMINDER_TERM_DAYS = 14;

export interface DunningOutcome {
  reminders: number;
  notices: number;
  inDefault: number;
}

/** The last day a 14-day letter can have been sent on for its term to have ended before `today`. */
function lastSentWithTermEnded(today: string): string | null {
  for (let back = 16; back < 60; back++) {
    const sentOn = addDays(today, -back);
    if (noticeTermEnd(sentOn) < today) return sentOn;
  }
  return null;
}

/**
 * Dutch dunning, run daily: a reminder a week after the due date; two weeks later the 14-day letter
 * (veertiendagenbrief, art. 6:96 lid 6 BW) announcing the statutory collection costs; once its term has
 * run out the invoice is in default, which the board's obligations worklist takes up. Each step is a
 * conditional update of the invoices, so a letter is never sent twice, and paying stops the sequence.
 */
@Injectable()
export class DunningService {
  constructor(
    private readonly dunning: DunningRepository,
    private readonly documents: InvoiceDocumentsService,
    private readonly members: MembersService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One day's dunning for one cooperative, in the caller's transaction. */
  async run(cooperativeId: CooperativeId): Promise<DunningOutcome> {
    const today = dutchDate(this.clock.now());
    const reminders = await this.dunning.advance(cooperativeId, { from: 'none', to: 'reminded', today, dueBefore: addDays(today, -REMINDER_AFTER_DAYS) });
    const notices = await this.dunning.advance(cooperativeId, { from: 'reminded', to: 'noticed', today, markedBefore: addDays(today, -NOTICE_AFTER_DAYS) });
    const lastSent = lastSentWithTermEnded(today);
    const inDefault = lastSent ? await this.dunning.advance(cooperativeId, { from: 'noticed', to: 'in_default', today, markedBefore: lastSent }) : [];

    await this.send(cooperativeId, 'reminder', today, addDays(today, REMINDER_TERM_DAYS), reminders);
    await this.send(cooperativeId, 'notice', today, noticeTermEnd(today), notices);
    const outcome = { reminders: reminders.length, notices: notices.length, inDefault: inDefault.reduce((n, l) => n + l.invoices.length, 0) };
    if (outcome.reminders + outcome.notices + outcome.inDefault > 0) {
      await this.audit.record({ action: 'dunning.run', objectType: 'cooperative', objectId: cooperativeId, details: { ...outcome, today } });
    }
    return outcome;
  }

  list(cooperativeId: CooperativeId, filter: { memberId?: string; stage?: NoticeStage; page: number; pageSize: number }) {
    return this.dunning.list(cooperativeId, filter);
  }

  async own(actor: Actor, cooperativeId: CooperativeId, page: { page: number; pageSize: number }) {
    const member = await this.members.ownMember(actor, cooperativeId);
    return this.dunning.list(cooperativeId, { ...page, memberId: member.id });
  }

  async pdf(cooperativeId: CooperativeId, id: string, ownerActor?: Actor): Promise<{ notice: PaymentNotice; pdf: Buffer }> {
    const notice = await this.dunning.find(cooperativeId, id);
    const own = ownerActor ? await this.members.ownMember(ownerActor, cooperativeId) : null;
    if (!notice || (own && notice.memberId !== own.id)) throw new InvoiceError(InvoiceErrorCode.NotFound, 'Payment notice was not found');
    const pdf = await this.documents.noticePdf(cooperativeId, {
      stage: notice.stage,
      sentOn: notice.sentOn,
      payBy: notice.stage === 'reminder' ? notice.payBy : null,
      billedTo: notice.billedTo,
      invoices: notice.invoices.map((i) => ({ invoiceNumber: i.invoiceNumber, issueDate: i.issueDate, dueDate: i.dueDate, openCents: i.openCents })),
    });
    return { notice, pdf };
  }

  private async send(cooperativeId: CooperativeId, stage: NoticeStage, sentOn: string, payBy: string, letters: DueLetter[]): Promise<void> {
    const notices = await this.dunning.insertNotices(
      cooperativeId,
      letters.map((l) => {
        const total = l.invoices.reduce((sum, i) => sum + i.openCents, 0);
        return { memberId: l.memberId, stage, sentOn, payBy, totalOpenCents: total, collectionCostsCents: stage === 'notice' ? collectionCostsCents(total) : 0, invoices: l.invoices, billedTo: l.billedTo };
      }),
    );
    for (const notice of notices) {
      if (notice.billedTo.email) await this.mail.enqueue({ kind: `dunning.${stage}`, to: notice.billedTo.email, subject: this.subject(notice), body: this.body(notice) });
    }
  }

  private subject(n: PaymentNotice): string {
    if (n.billedTo.language === 'en') return n.stage === 'reminder' ? 'Reminder: unpaid invoice' : 'Final notice: payment within 14 days';
    return n.stage === 'reminder' ? 'Herinnering: openstaande factuur' : 'Laatste aanmaning: betaling binnen 14 dagen';
  }

  private body(n: PaymentNotice): string {
    const en = n.billedTo.language === 'en';
    const money = (cents: number) => formatEuro(cents, en ? 'en' : 'nl');
    const list = n.invoices.map((i) => `  ${i.invoiceNumber}  ${money(i.openCents)}`).join('\n');
    const where = `${this.config.publicUrl}/`;
    if (en) {
      const lead =
        n.stage === 'reminder'
          ? `According to our records the following invoices are still unpaid. Please pay ${money(n.totalOpenCents)} by ${n.payBy}, quoting the payment reference on the invoice.`
          : `Despite our reminder, ${money(n.totalOpenCents)} is still unpaid. Please pay within 14 days from the day after you receive this letter (by ${n.payBy} at the latest if it reaches you in time). If payment does not follow within that term, we will charge collection costs of ${money(n.collectionCostsCents)} as the law allows.`;
      return `Dear ${n.billedTo.name ?? 'member'},\n\n${lead}\n\n${list}\n\nThe letter and your invoices are in Buurtcoop: ${where}\nIf you have paid already, please ignore this message. Can't pay right now? Contact the treasurer; we will find a solution together.\n`;
    }
    const lead =
      n.stage === 'reminder'
        ? `Volgens onze administratie staan de volgende facturen nog open. Wilt u ${money(n.totalOpenCents)} uiterlijk ${n.payBy} betalen, met het betalingskenmerk van de factuur?`
        : `Ondanks onze herinnering staat ${money(n.totalOpenCents)} nog open. Wij verzoeken u dit binnen 14 dagen te betalen, te rekenen vanaf de dag na ontvangst van deze brief (uiterlijk ${n.payBy} als deze brief u op tijd bereikt). Betaalt u niet binnen die termijn, dan brengen wij ${money(n.collectionCostsCents)} incassokosten in rekening, zoals de wet toestaat.`;
    return `Beste ${n.billedTo.name ?? 'lid'},\n\n${lead}\n\n${list}\n\nDe brief en uw facturen staan in Buurtcoop: ${where}\nHeeft u al betaald, dan kunt u dit bericht negeren. Lukt betalen nu niet? Neem contact op met de penningmeester; we zoeken samen naar een oplossing.\n`;
  }
}
