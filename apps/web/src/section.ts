import { ReactNode } from 'react';
import type { CooperativeRole } from './session/session';

/**
 * One part of the product for one group of users: its pages and its entries in the navigation. Each group's
 * folder under pages/ exports one; App.tsx mounts them all.
 */
export interface Section {
  id: string;
  /** Message key of the navigation heading. */
  title: string;
  /** Who sees it: cooperative roles (any of them), or reviewers of a municipality. */
  audience: CooperativeRole[] | 'reviewer';
  nav: Array<{ path: string; label: string }>;
  routes: Array<{ path: string; element: ReactNode }>;
}
