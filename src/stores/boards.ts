/** Leaderboards: one list per board (and domain), paged; a refresh starts it over. */
import { create } from 'zustand';
import type { BoardName, BoardRow } from '@domain/api';
import { api } from '@/services/api';
import { errorMessage } from '@/services/errors';

interface BoardList {
  rows: BoardRow[];
  cursor: string | null;
  loading: boolean;
  error: string | null;
  asOf: string | null;
}

interface BoardsState {
  lists: Record<string, BoardList>;
  /** Load the first page (`more`: the next one) of a board. */
  load: (board: BoardName, opts?: { domain?: string; more?: boolean }) => Promise<void>;
}

export const boardKey = (board: BoardName, domain?: string) => (domain ? `${board}:${domain}` : board);
const EMPTY: BoardList = { rows: [], cursor: null, loading: false, error: null, asOf: null };

export const useBoards = create<BoardsState>((set, get) => ({
  lists: {},
  load: async (board, { domain, more = false } = {}) => {
    const key = boardKey(board, domain);
    const prev = get().lists[key] ?? EMPTY;
    if (prev.loading || (more && !prev.cursor)) return;
    const put = (patch: Partial<BoardList>) =>
      set((s) => ({ lists: { ...s.lists, [key]: { ...(s.lists[key] ?? EMPTY), ...patch } } }));
    put({ loading: true, error: null });
    try {
      const page = await api.boards.get({ board, domain, cursor: more ? (prev.cursor ?? undefined) : undefined });
      put({
        rows: more ? [...prev.rows, ...page.items] : page.items,
        cursor: page.nextCursor,
        loading: false,
        asOf: page.asOf,
      });
    } catch (err) {
      put({ loading: false, error: errorMessage(err) });
    }
  },
}));
