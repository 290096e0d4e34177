import { Injectable } from '@nestjs/common';
import { CooperativeId } from './ids';

export type CooperativeCreatedHook = (cooperativeId: CooperativeId) => Promise<void>;

/**
 * Lets domain libs set up what a new cooperative needs (its membership types, chart of accounts, …)
 * inside the transaction that creates it, without core knowing those libs.
 */
@Injectable()
export class CooperativeLifecycle {
  private readonly created: Array<{ name: string; hook: CooperativeCreatedHook }> = [];

  onCreated(name: string, hook: CooperativeCreatedHook): void {
    if (!this.created.some((h) => h.name === name)) this.created.push({ name, hook });
  }

  async runCreated(cooperativeId: CooperativeId): Promise<void> {
    for (const { hook } of this.created) await hook(cooperativeId);
  }
}
