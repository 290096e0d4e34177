import { api } from '../../api/client';
import { useCooperativePath } from '../../session/session';
import { useLoad } from '../../ui/hooks';
import { Member } from '../board/board-api';
import { Category } from './exchange-api';

/** The members a list refers to by id, fetched once each (a coordinator's lists are short). */
export function useMembers(ids: string[]) {
  const base = useCooperativePath();
  const unique = [...new Set(ids)].sort();
  return useLoad(async (signal) => {
    const members = await Promise.all(unique.map((id) => api<Member>(`${base}/members/${id}`, { signal })));
    return new Map(members.map((member) => [member.id, member]));
  }, [base, unique.join(',')]);
}

export function useCategories() {
  const base = useCooperativePath();
  return useLoad((signal) => api<Category[]>(`${base}/service-categories`, { signal }), [base]);
}
