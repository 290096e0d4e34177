import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { EffectivePolicy, ObligationSource, SettledObligation } from '../../obligation-source';
import { ONCE, UNSETTLED, dayEnd } from './sql';

/** Providers who offer in a category that requires a VOG. */
const VOG_PROVIDERS = `SELECT DISTINCT f.provider_member_id AS member_id
                         FROM offers f JOIN service_categories c ON c.cooperative_id = f.cooperative_id AND c.id = f.category_id
                        WHERE f.cooperative_id = $1 AND c.requires_vog`;

/**
 * A provider in a VOG category keeps a valid, verified VOG. The obligation follows the provider's VOG
 * that runs longest; a newer one fulfils it. At expiry the engine pauses the provider's offers in VOG
 * categories (and resumes them when a new VOG is verified).
 */
@Injectable()
export class VogValiditySource implements ObligationSource {
  readonly type = 'vog_validity' as const;

  constructor(private readonly uow: UnitOfWork) {}

  async discover(cooperativeId: CooperativeId, _now: Date, policy: EffectivePolicy): Promise<number> {
    const rows = await this.uow.rows(
      `INSERT INTO obligations (cooperative_id, type, subject_id, member_id, summary, due_at)
       SELECT DISTINCT ON (v.member_id) v.cooperative_id, 'vog_validity', v.id, v.member_id,
              'VOG geldig tot ' || to_char(v.expires_on, 'DD-MM-YYYY'), ${dayEnd('v.expires_on')} + make_interval(hours => $2)
         FROM provider_credentials v
        WHERE v.cooperative_id = $1 AND v.kind = 'vog' AND v.verified_at IS NOT NULL AND v.member_id IN (${VOG_PROVIDERS})
        ORDER BY v.member_id, v.expires_on DESC
       ${ONCE} RETURNING 1`,
      [cooperativeId, policy.termHours],
    );
    return rows.length;
  }

  settled(cooperativeId: CooperativeId): Promise<SettledObligation[]> {
    return this.uow.rows<SettledObligation>(
      `SELECT o.id, CASE WHEN renewed THEN 'fulfilled' ELSE 'lapsed' END AS outcome,
              CASE WHEN NOT renewed THEN 'Biedt geen diensten meer aan waarvoor een VOG nodig is' END AS reason
         FROM obligations o
         JOIN provider_credentials v ON v.cooperative_id = o.cooperative_id AND v.id = o.subject_id
        CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM provider_credentials n
                                            WHERE n.cooperative_id = v.cooperative_id AND n.member_id = v.member_id AND n.kind = 'vog'
                                              AND n.verified_at IS NOT NULL AND n.expires_on > v.expires_on) AS renewed) r
        WHERE ${UNSETTLED('o', 'vog_validity')} AND (renewed OR o.member_id NOT IN (${VOG_PROVIDERS}))`,
      [cooperativeId],
    );
  }
}
