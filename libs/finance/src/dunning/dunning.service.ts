import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Actor, AppConfig, AuditService, Clock, CooperativeId, MailService, addDays, dutchDate } from '@buurtcoop/core';
import { MembersService } from '@buurtcoop/membership';
import { collectionCostsCents, noticeTermEnd } from '../invoices/invoice-pdf';
import { InvoiceDocumentsService } from '../invoices/invoice-documents.service';
import { InvoiceError, InvoiceErrorCode } from '../invoices/invoices.errors';
import { DueLetter, DunningRepository } from './dunning.repository';
import { DUNNING_NOTICE, DUNNING_REMINDER } from './dunning-mail';
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
      if (!notice.billedTo.email) continue;
      // In the language the letter itself is written in: the one on the invoice.
      await this.mail.send(
        stage === 'reminder' ? DUNNING_REMINDER : DUNNING_NOTICE,
        {
          name: notice.billedTo.name,
          invoices: notice.invoices,
          totalOpenCents: notice.totalOpenCents,
          collectionCostsCents: notice.collectionCostsCents,
          payBy: notice.payBy,
          portalUrl: `${this.config.publicUrl}/`,
        },
        { to: notice.billedTo.email, language: notice.billedTo.language, memberId: notice.memberId },
      );
    }
  }
}
