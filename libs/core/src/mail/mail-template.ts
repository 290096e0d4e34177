import { Language } from './language';

export interface RenderedMail {
  subject: string;
  body: string;
}

/**
 * One kind of message in every language the product writes. Each domain keeps its templates next to
 * the code that sends them; `MailService.send` picks the recipient's language.
 */
export interface MailTemplate<P> {
  /** Stored with the message, e.g. `member.invitation`. */
  readonly kind: string;
  nl(params: P): RenderedMail;
  en(params: P): RenderedMail;
}

export function renderMail<P>(template: MailTemplate<P>, params: P, language: Language): RenderedMail {
  return language === 'en' ? template.en(params) : template.nl(params);
}
