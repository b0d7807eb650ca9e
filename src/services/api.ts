/** Typed wrappers over the cloud functions; the shapes are the contract in domain/api.ts. */
import type {
  CampaignGetResult,
  DonateCreateResult,
  DonateMineResult,
  DonateStatusResult,
  Domain,
  ProjectDetail,
  ProjectSort,
  ProjectsListResult,
} from '@domain/api';
import { callFunction } from './cloud';

export interface ProjectsQuery {
  domain?: Domain;
  q?: string;
  sort?: ProjectSort;
  cursor?: string;
  limit?: number;
}

export interface DonateInput {
  projectId: string;
  amountFen: number;
  message?: string;
  anonymous?: boolean;
  shareId?: string;
  couponId?: string;
}

/** Functions validate strictly; drop undefined/empty optionals instead of sending them. */
function compact<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

export const api = {
  campaign: {
    get: () => callFunction<CampaignGetResult>('campaign', { action: 'get' }),
  },
  projects: {
    list: (q: ProjectsQuery = {}) => callFunction<ProjectsListResult>('projects', { action: 'list', ...compact(q) }),
    get: (id: string) => callFunction<ProjectDetail>('projects', { action: 'get', id }),
  },
  donate: {
    create: (input: DonateInput) => callFunction<DonateCreateResult>('donate', { action: 'create', ...compact(input) }),
    status: (orderId: string) => callFunction<DonateStatusResult>('donate', { action: 'status', orderId }),
    mine: () => callFunction<DonateMineResult>('donate', { action: 'mine' }),
  },
};
