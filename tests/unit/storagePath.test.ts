/** Cloud paths for client uploads (src/services/storagePath.ts). */
import { cloudPathFor, extensionOf } from '../../src/services/storagePath';
import { badCloudPath } from '../../tools/emulator/src/storage';

test('the extension comes from the path or file name, else the blob type, else bin', () => {
  expect(extensionOf('wxfile://tmp_abc.JPG')).toBe('jpg');
  expect(extensionOf('blob:http://localhost/1234')).toBe('bin');
  expect(extensionOf('http://x/a.png?v=1')).toBe('png');
  expect(extensionOf(new Blob(['x'], { type: 'image/webp' }))).toBe('webp');
  expect(extensionOf(Object.assign(new Blob(['x']), { name: 'report.csv' }))).toBe('csv');
  expect(extensionOf(new Blob(['x'], { type: 'text/html' }))).toBe('bin');
});

test('a fresh path per upload, from the injected clock and rng, that CloudBase (and the emulator) accepts', () => {
  const p = cloudPathFor(
    'a.png',
    '/photos/',
    () => 1651024800000,
    () => 0.5,
  );
  expect(p).toBe(`photos/${(1651024800000).toString(36)}-${Math.floor(0.5 * 36 ** 8).toString(36)}.png`);
  expect(badCloudPath(p)).toBeNull();
  expect(
    cloudPathFor(
      'a.png',
      'x',
      () => 1,
      () => 0,
    ),
  ).toBe('x/1-00000000.png');
  expect(cloudPathFor('a.png')).not.toBe(cloudPathFor('a.png'));
});
