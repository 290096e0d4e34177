import { DomainError } from '@buurtcoop/core';

export enum DonationsErrorCode {
  DonorNotFound = 'donor_not_found',
  DonationNotFound = 'donation_not_found',
  PledgeNotFound = 'pledge_not_found',
  InvalidIban = 'donor_iban_invalid',
  EmailTaken = 'donor_email_taken',
  MemberNotFound = 'donor_member_not_found',
  AmountOrLine = 'donation_amount_or_line',
  LineNotReceipt = 'donation_line_not_receipt',
  PledgeOfOtherDonor = 'donation_pledge_of_other_donor',
  AlreadyCancelled = 'donation_already_cancelled',
  NotCancellable = 'donation_not_cancellable',
  PledgeEnded = 'pledge_ended',
  InvalidPeriod = 'pledge_period_invalid',
  ReceivedInFuture = 'donation_received_in_future',
}

const STATUS: Record<DonationsErrorCode, number> = {
  [DonationsErrorCode.DonorNotFound]: 404,
  [DonationsErrorCode.DonationNotFound]: 404,
  [DonationsErrorCode.PledgeNotFound]: 404,
  [DonationsErrorCode.InvalidIban]: 400,
  [DonationsErrorCode.EmailTaken]: 409,
  [DonationsErrorCode.MemberNotFound]: 422,
  [DonationsErrorCode.AmountOrLine]: 400,
  [DonationsErrorCode.LineNotReceipt]: 422,
  [DonationsErrorCode.PledgeOfOtherDonor]: 422,
  [DonationsErrorCode.AlreadyCancelled]: 409,
  [DonationsErrorCode.NotCancellable]: 409,
  [DonationsErrorCode.PledgeEnded]: 409,
  [DonationsErrorCode.InvalidPeriod]: 400,
  [DonationsErrorCode.ReceivedInFuture]: 422,
};

export class DonationsError extends DomainError<DonationsErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
