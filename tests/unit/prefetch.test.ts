/**
 * The H5 shell's prefetched first page reaches the app only if the projects store's first call is the same
 * call, field for field: pin that, and the take-once hand-over.
 */
import {
  callKey,
  FIRST_PAGE_CALL,
  hashPath,
  isHomePath,
  putPrefetched,
  takePrefetched,
  type WireReply,
} from '@/services/prefetch';

const calls: Array<[string, Record<string, unknown>]> = [];
jest.mock('@/services/cloud', () => ({
  callFunction: jest.fn(async (fn: string, data: Record<string, unknown>) => {
    calls.push([fn, data]);
    return { items: [], total: 0, nextCursor: null };
  }),
}));

const reply: WireReply = { ok: true, status: 200, body: { result: { items: [] } } };

test('a call is the same call whatever the order of its fields', () => {
  expect(callKey('projects', { limit: 20, action: 'list', sort: 'hot' })).toBe(
    callKey('projects', { action: 'list', sort: 'hot', limit: 20 }),
  );
  expect(callKey('projects', { action: 'list', sort: 'hot', limit: 21 })).not.toBe(callKey(...FIRST_PAGE_CALL));
  expect(callKey('campaign', { action: 'list', sort: 'hot', limit: 20 })).not.toBe(callKey(...FIRST_PAGE_CALL));
});

test('a prefetched reply serves the first identical call only', async () => {
  putPrefetched('projects', { action: 'list', sort: 'hot', limit: 20 }, Promise.resolve(reply));
  expect(takePrefetched('projects', { action: 'list', sort: 'hot', limit: 19 })).toBeUndefined();
  await expect(takePrefetched('projects', { sort: 'hot', limit: 20, action: 'list' })).resolves.toBe(reply);
  expect(takePrefetched('projects', { action: 'list', sort: 'hot', limit: 20 })).toBeUndefined();
});

test("the projects store's first page is the call the shell prefetches", async () => {
  const { useProjects } = await import('@/stores/projects');
  useProjects.getState().ensureFirstPage();
  useProjects.getState().ensureFirstPage(); // the home's mount while the launch prefetch is in flight: no second
  await new Promise((r) => setTimeout(r, 0));
  expect(calls).toHaveLength(1);
  const [fn, data] = calls[0];
  expect(callKey(fn, data)).toBe(callKey(...FIRST_PAGE_CALL));
});

test('the home route, as the launch prefetch and the shell both judge it from the address', () => {
  for (const hash of ['', '#', '#/', '#/?from=share', '#/pages/index/index', '#pages/index/index?x=1'])
    expect(isHomePath(hashPath(hash))).toBe(true);
  for (const hash of ['#/pages/me/index', '#/pkg-project/detail/index?id=p001', '#/pages/index/index2'])
    expect(isHomePath(hashPath(hash))).toBe(false);
});
