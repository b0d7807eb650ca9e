/** Public-welfare quiz: one attempt (questions without answers), my choices, the graded result. */
import { create } from 'zustand';
import { api } from '@/services/api';
import { ApiError, errorMessage } from '@/services/errors';
import type { QuizStartResult, QuizSubmitResult } from '@domain/api';

interface QuizState {
  attempt: QuizStartResult | null;
  answers: Array<number | null>;
  result: QuizSubmitResult | null;
  loading: boolean;
  submitting: boolean;
  error: { code: string; message: string } | null;
  start: () => Promise<void>;
  choose: (question: number, option: number) => void;
  submit: (shareId?: string) => Promise<void>;
}

const toError = (err: unknown) => ({
  code: err instanceof ApiError ? err.code : 'INTERNAL',
  message: errorMessage(err),
});

export const useQuiz = create<QuizState>((set, get) => ({
  attempt: null,
  answers: [],
  result: null,
  loading: false,
  submitting: false,
  error: null,
  start: async () => {
    set({ loading: true, error: null, result: null, attempt: null, answers: [] });
    try {
      const attempt = await api.quiz.start();
      set({ attempt, answers: attempt.questions.map(() => null), loading: false });
    } catch (err) {
      set({ loading: false, error: toError(err) });
    }
  },
  choose: (question, option) => {
    if (get().result || get().submitting) return;
    set((s) => ({ answers: s.answers.map((a, i) => (i === question ? option : a)) }));
  },
  submit: async (shareId) => {
    const { attempt, answers, submitting } = get();
    if (!attempt || submitting || answers.some((a) => a === null)) return;
    set({ submitting: true, error: null });
    try {
      const result = await api.quiz.submit({
        attemptId: attempt.attemptId,
        answers: answers as number[],
        shareId: shareId || undefined,
      });
      set({ result, submitting: false });
    } catch (err) {
      set({ submitting: false, error: toError(err) });
    }
  },
}));
