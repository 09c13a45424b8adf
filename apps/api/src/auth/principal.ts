import type { Role } from '@bvs/config';

/** Who is calling: the role, and a non-secret label of the key for ownership and audit. */
export interface Principal {
  role: Role;
  label: string | null;
}

export const PUBLIC_PRINCIPAL: Principal = { role: 'public', label: null };
