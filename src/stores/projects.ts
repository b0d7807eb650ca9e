/** Project list (filters + cursor paging) and a by-id cache of details. */
import { create } from 'zustand';
import type { Domain, ProjectCard, ProjectDetail, ProjectSort } from '@domain/api';
import { api } from '@/services/api';
import { errorMessage } from '@/services/errors';
import { FIRST_PAGE_SIZE } from '@/services/prefetch';

const PAGE = FIRST_PAGE_SIZE;

export interface ProjectFilters {
  domain: Domain | null;
  q: string;
  sort: ProjectSort;
}

interface ProjectsState {
  filters: ProjectFilters;
  items: ProjectCard[];
  total: number;
  cursor: string | null;
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  /** Bumped on every filter change so late responses for old filters are dropped. */
  generation: number;
  details: Record<string, ProjectDetail>;
  setFilters: (patch: Partial<ProjectFilters>) => void;
  reload: () => Promise<void>;
  loadMore: () => Promise<void>;
  /** Load the first page unless it is loaded or on its way (the launch prefetch and the home's mount share it). */
  ensureFirstPage: () => void;
  fetchDetail: (id: string) => Promise<ProjectDetail>;
}

export const useProjects = create<ProjectsState>((set, get) => ({
  filters: { domain: null, q: '', sort: 'hot' },
  items: [],
  total: 0,
  cursor: null,
  hasMore: true,
  loading: false,
  error: null,
  generation: 0,
  details: {},

  setFilters: (patch) => {
    set((s) => ({ filters: { ...s.filters, ...patch } }));
    void get().reload();
  },

  reload: async () => {
    set((s) => ({
      items: [],
      cursor: null,
      hasMore: true,
      total: 0,
      error: null,
      loading: false,
      generation: s.generation + 1,
    }));
    await get().loadMore();
  },

  loadMore: async () => {
    const { loading, hasMore, filters, cursor, generation } = get();
    if (loading || !hasMore) return;
    set({ loading: true, error: null });
    try {
      const res = await api.projects.list({
        domain: filters.domain ?? undefined,
        q: filters.q.trim() || undefined,
        sort: filters.sort,
        cursor: cursor ?? undefined,
        limit: PAGE,
      });
      if (get().generation !== generation) return;
      set((s) => ({
        items: [...s.items, ...res.items],
        total: res.total,
        cursor: res.nextCursor,
        hasMore: res.nextCursor !== null,
        loading: false,
      }));
    } catch (err) {
      if (get().generation === generation) set({ loading: false, error: errorMessage(err) });
    }
  },

  ensureFirstPage: () => {
    const { generation, items, loading } = get();
    if (generation === 0 || (items.length === 0 && !loading)) void get().reload();
  },

  fetchDetail: async (id) => {
    const detail = await api.projects.get(id);
    // The list's card of the project shows the same figures as its detail (after a payment, too).
    const patch = ({ raisedFen, matchedFen, donorCount, donationCount, flowers }: ProjectCard) =>
      ({ raisedFen, matchedFen, donorCount, donationCount, flowers }) satisfies Partial<ProjectCard>;
    set((s) => ({
      details: { ...s.details, [id]: detail },
      items: s.items.some((p) => p.id === id)
        ? s.items.map((p) => (p.id === id ? { ...p, ...patch(detail) } : p))
        : s.items,
    }));
    return detail;
  },
}));
