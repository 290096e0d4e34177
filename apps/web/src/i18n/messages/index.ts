/**
 * All texts of the UI, gathered from one file per part of the product. Each part exports
 * `{ nl: {...}, en: {...} }`; keys are prefixed with the part's name so parts never collide.
 */
import common from './common';
import resident from './resident';
import provider from './provider';
import coordinator from './coordinator';
import board from './board';
import treasurer from './treasurer';
import municipality from './municipality';

type Part = { nl: Record<string, string>; en: Record<string, string> };
const PARTS: Part[] = [common, resident, provider, coordinator, board, treasurer, municipality];

export const MESSAGES: Record<'nl' | 'en', Record<string, string>> = {
  nl: Object.assign({}, ...PARTS.map((part) => part.nl)),
  en: Object.assign({}, ...PARTS.map((part) => part.en)),
};
