import { boardSection } from './pages/board/section';
import { coordinatorSection } from './pages/coordinator/section';
import { municipalitySection } from './pages/municipality/section';
import { providerSection } from './pages/provider/section';
import { residentSection } from './pages/resident/section';
import { treasurerSection } from './pages/treasurer/section';
import { Section } from './section';
import type { useSession } from './session/session';

/** Every section, in the order of the navigation. */
export const SECTIONS: readonly Section[] = [residentSection, providerSection, coordinatorSection, boardSection, treasurerSection, municipalitySection];

type SessionView = ReturnType<typeof useSession>;

export function canSee(session: SessionView, section: Section): boolean {
  if (section.audience === 'reviewer') return session.municipalityId !== undefined;
  return section.audience.some((role) => session.has(role));
}

export function visibleSections(session: SessionView): Section[] {
  return SECTIONS.filter((section) => canSee(session, section));
}
