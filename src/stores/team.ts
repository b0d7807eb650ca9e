/** 一起捐: the team being viewed (with its members, paged), creating one, and closing my own. */
import { create } from 'zustand';
import type { DonorRow, TeamView } from '@domain/api';
import { api } from '@/services/api';
import { errorMessage } from '@/services/errors';

interface TeamState {
  team: TeamView | null;
  members: DonorRow[];
  cursor: string | null;
  loading: boolean;
  error: string | null;
  load: (teamId: string) => Promise<void>;
  more: () => Promise<void>;
  /** Returns the new team's id (errors are thrown for the form to show). */
  create: (input: { projectId: string; name: string; goalFen: number; line?: string }) => Promise<string>;
  close: () => Promise<void>;
}

export const useTeam = create<TeamState>((set, get) => ({
  team: null,
  members: [],
  cursor: null,
  loading: false,
  error: null,
  load: async (teamId) => {
    set((s) => ({ loading: true, error: null, ...(s.team?.teamId === teamId ? {} : { team: null, members: [] }) }));
    try {
      const team = await api.teams.get(teamId);
      set({ team, members: team.members, cursor: team.nextCursor, loading: false });
    } catch (err) {
      set({ loading: false, error: errorMessage(err) });
    }
  },
  more: async () => {
    const { team, cursor } = get();
    if (!team || !cursor) return;
    set({ loading: true });
    try {
      const page = await api.teams.get(team.teamId, cursor);
      set((s) => ({ members: [...s.members, ...page.members], cursor: page.nextCursor, loading: false }));
    } catch (err) {
      set({ loading: false, error: errorMessage(err) });
    }
  },
  create: async (input) => (await api.teams.create(input)).teamId,
  close: async () => {
    const team = get().team;
    if (!team) return;
    await api.teams.close(team.teamId);
    await get().load(team.teamId);
  },
}));
