/**
 * 一块走 (step donation): today's WeRun steps, the chosen project, donating them once a day, the 7-day
 * history and the sponsor wall. A WeRun cloudID lives 5 minutes, so each call reads a fresh one and an
 * expired one (CLOUDID_EXPIRED) is re-read once.
 */
import { create } from 'zustand';
import { api } from '@/services/api';
import { ApiError, errorMessage } from '@/services/errors';
import { fetchWeRunData } from '@/services/werun';
import type { ProjectCard } from '@domain/api';
import type {
  StepsDonateResult,
  StepsHistoryItem,
  StepsSponsorsResult,
  StepsTodayResult,
  WeRunData,
} from '@domain/api';

interface StepsState {
  today: StepsTodayResult | null;
  history: StepsHistoryItem[];
  sponsors: StepsSponsorsResult | null;
  result: StepsDonateResult | null;
  projectId: string | null;
  loading: boolean;
  donating: boolean;
  /** Failure reading steps or loading today (code: WERUN_DENIED, WERUN_UNAVAILABLE, CLOUDID_INVALID, …). */
  error: { code: string; message: string } | null;
  /** Failure of the last donate attempt. */
  donateError: { code: string; message: string } | null;
  /** Projects to donate steps to (fundraising list; the recommended one first). */
  projects: Array<Pick<ProjectCard, 'id' | 'title'>>;
  setProject: (projectId: string) => void;
  loadProjects: () => Promise<void>;
  load: () => Promise<void>;
  loadBoards: () => Promise<void>;
  donate: () => Promise<void>;
}

const toError = (err: unknown) => ({
  code: err instanceof ApiError ? err.code : 'INTERNAL',
  message: errorMessage(err),
});

/** Run a steps call with fresh WeRun data; on CLOUDID_EXPIRED read it again once. */
async function withWeRun<T>(call: (weRunData: WeRunData) => Promise<T>): Promise<T> {
  try {
    return await call(await fetchWeRunData());
  } catch (err) {
    if (err instanceof ApiError && err.code === 'CLOUDID_EXPIRED') return call(await fetchWeRunData());
    throw err;
  }
}

export const useSteps = create<StepsState>((set, get) => ({
  today: null,
  history: [],
  sponsors: null,
  result: null,
  projectId: null,
  loading: false,
  donating: false,
  error: null,
  donateError: null,

  projects: [],
  setProject: (projectId) => set({ projectId }),

  loadProjects: async () => {
    try {
      const res = await api.projects.list({ sort: 'progress', limit: 50 });
      let list = res.items.map((p) => ({ id: p.id, title: p.title }));
      const rec = get().today?.recommendedProjectId;
      if (rec && !list.some((p) => p.id === rec)) {
        const d = await api.projects.get(rec).catch(() => null);
        if (d) list = [{ id: d.id, title: d.title }, ...list];
      } else if (rec) list = [...list.filter((p) => p.id === rec), ...list.filter((p) => p.id !== rec)];
      set({ projects: list });
    } catch {
      // The picker falls back to the recommended project only.
    }
  },

  loadBoards: async () => {
    const [history, sponsors] = await Promise.allSettled([api.steps.history(), api.steps.sponsors()]);
    set({
      ...(history.status === 'fulfilled' ? { history: history.value.items } : {}),
      ...(sponsors.status === 'fulfilled' ? { sponsors: sponsors.value } : {}),
    });
  },

  load: async () => {
    set({ loading: true, error: null, donateError: null });
    void get().loadBoards();
    try {
      const today = await withWeRun((w) => api.steps.today(w));
      set((s) => ({
        today,
        loading: false,
        projectId: s.projectId ?? today.donation?.projectId ?? today.recommendedProjectId,
      }));
      if (get().projects.length === 0) void get().loadProjects();
    } catch (err) {
      set({ loading: false, error: toError(err) });
    }
  },

  donate: async () => {
    if (get().donating) return;
    set({ donating: true, donateError: null });
    try {
      const result = await withWeRun((w) => api.steps.donate(w, get().projectId ?? undefined));
      set((s) => ({
        result,
        donating: false,
        today: s.today
          ? {
              ...s.today,
              donatedToday: true,
              steps: result.steps,
              donation: {
                amountFen: result.amountFen,
                sponsorId: result.sponsor?.id ?? null,
                projectId: result.projectId,
                steps: result.steps,
              },
            }
          : s.today,
      }));
      void get().loadBoards();
    } catch (err) {
      const e = toError(err);
      set({ donating: false, donateError: e });
      if (e.code === 'ALREADY_DONATED_TODAY') void get().load();
    }
  },
}));
