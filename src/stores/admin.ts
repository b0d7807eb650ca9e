/** The console's state: who I am as staff, the campaign worked on, and each section's last answer. */
import { create } from 'zustand';
import type {
  AdminDashboardResult,
  AdminImportResult,
  AuditEntryView,
  ConsoleProject,
  OperatorView,
} from '@domain/api/admin';
import { adminApi } from '@/services/admin';
import { errorMessage } from '@/services/errors';
import { uploadFile } from '@/services/storage';

export type AdminTab = 'dashboard' | 'campaign' | 'import' | 'review' | 'refunds' | 'exports' | 'audit' | 'operators';

interface AdminState {
  operator: OperatorView | null;
  /** null: not checked yet; false: the caller is not staff. */
  signedIn: boolean | null;
  campaignId: string;
  tab: AdminTab;
  error: string | null;
  busy: boolean;
  dashboard: AdminDashboardResult | null;
  lastImport: AdminImportResult | null;
  queue: ConsoleProject[];
  audit: AuditEntryView[];
  auditCursor: string | null;
  operators: OperatorView[];
  lastLink: { label: string; url: string } | null;
  setTab: (tab: AdminTab) => void;
  setCampaign: (id: string) => void;
  signIn: () => Promise<void>;
  redeem: (code: string) => Promise<void>;
  run: <T>(fn: () => Promise<T>) => Promise<T | null>;
  loadDashboard: () => Promise<void>;
  importFile: (source: string | Blob) => Promise<void>;
  loadQueue: (status?: ConsoleProject['status']) => Promise<void>;
  review: (projectId: string, decision: 'approve' | 'return' | 'pause' | 'close', reason?: string) => Promise<void>;
  loadAudit: (more?: boolean) => Promise<void>;
  loadOperators: () => Promise<void>;
}

export const useAdmin = create<AdminState>((set, get) => ({
  operator: null,
  signedIn: null,
  campaignId: 'cq2022',
  tab: 'dashboard',
  error: null,
  busy: false,
  dashboard: null,
  lastImport: null,
  queue: [],
  audit: [],
  auditCursor: null,
  operators: [],
  lastLink: null,
  setTab: (tab) => set({ tab, error: null }),
  setCampaign: (campaignId) => set({ campaignId }),
  /** Every call: busy while it runs, its failure shown as the section's error (the server said why). */
  run: async (fn) => {
    set({ busy: true, error: null });
    try {
      return await fn();
    } catch (err) {
      set({ error: errorMessage(err) });
      return null;
    } finally {
      set({ busy: false });
    }
  },
  signIn: async () => {
    try {
      const { operator } = await adminApi.whoami();
      set({ operator, signedIn: true, error: null });
    } catch {
      set({ operator: null, signedIn: false });
    }
  },
  redeem: async (code) => {
    const r = await get().run(() => adminApi.redeemInvite(code));
    if (r) set({ operator: r.operator, signedIn: true });
  },
  loadDashboard: async () => {
    const d = await get().run(() => adminApi.dashboard(get().campaignId));
    if (d) set({ dashboard: d });
  },
  importFile: async (source) => {
    const r = await get().run(async () => adminApi.importProjects(get().campaignId, await uploadFile(source)));
    if (r) set({ lastImport: r });
  },
  loadQueue: async (status = 'pending') => {
    const r = await get().run(() => adminApi.listProjects({ campaignId: get().campaignId, status, limit: 100 }));
    if (r) set({ queue: r.items });
  },
  review: async (projectId, decision, reason) => {
    const r = await get().run(() => adminApi.reviewProject({ projectId, decision, reason }));
    if (r) set({ queue: get().queue.filter((p) => p.id !== projectId) });
  },
  loadAudit: async (more = false) => {
    const r = await get().run(() => adminApi.auditLog(30, more ? (get().auditCursor ?? undefined) : undefined));
    if (r) set({ audit: more ? [...get().audit, ...r.items] : r.items, auditCursor: r.nextCursor });
  },
  loadOperators: async () => {
    const r = await get().run(() => adminApi.listOperators());
    if (r) set({ operators: r.operators });
  },
}));
