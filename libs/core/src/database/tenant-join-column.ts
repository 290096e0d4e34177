import { JoinColumn } from 'typeorm';

/**
 * The join of a reference between tenant tables: every foreign key carries the tenant, so a row can only
 * point at a row of its own cooperative, `(cooperative_id, <column>)` → `(cooperative_id, id)`.
 */
export function TenantJoinColumn(column: string): PropertyDecorator {
  return JoinColumn([
    { name: 'cooperative_id', referencedColumnName: 'cooperativeId' },
    { name: column, referencedColumnName: 'id' },
  ]);
}
