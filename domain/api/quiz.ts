/** `quiz` results: questions without answers, then the graded attempt (and the help it counted as). */
import type { ExtraDraw } from './assist';
import type { QuizAssistReason } from './states';

/** A question as sent to the client: no answer. */
export interface QuizPublicQuestion {
  id: string;
  text: string;
  options: string[];
  topic?: string;
}

export interface QuizStartResult {
  attemptId: string;
  questions: QuizPublicQuestion[];
  passMark: number;
  attemptsLeft: number;
}

/** One graded question (domain/quiz.ts grades). */
export interface QuizQuestionResult {
  id: string;
  correct: boolean;
  /** Index the user chose. */
  chosen: number;
  /** Index of the right option. */
  answer: number;
  explanation: string;
}

export interface QuizSubmitResult {
  correctCount: number;
  total: number;
  passed: boolean;
  flowersEarned: number;
  results: QuizQuestionResult[];
  assisted: boolean;
  extraDraw: ExtraDraw | null;
  assistReason?: QuizAssistReason;
}
