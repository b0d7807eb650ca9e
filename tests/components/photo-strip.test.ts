/**
 * The project page's photo strip (PhotoStrip, what PhotoGallery renders) as a native custom component: an image
 * per resolved URL, a placeholder per photo still resolving, the count, and nothing without photos.
 */
import { flush, render, text } from './simulate';

const STRIP = 'pkg-project/components/PhotoGallery/PhotoStrip';
const photos = ['cloud://env/seed/photos/a.png', 'cloud://env/seed/photos/b.png', 'cloud://env/seed/photos/c.png'];

describe('PhotoStrip (native)', () => {
  test('resolved photos show, the rest wait as placeholders; the count names all', async () => {
    const comp = render(STRIP, { photos, urls: ['https://t/a.png', null, 'https://t/c.png'], title: '营养午餐' });
    await flush();
    // The simulator keeps an image's src as data, not an attribute: count the image nodes, in order.
    const nodes = comp.querySelectorAll('.photo-gallery__photo').map((n: any) => n.dom.tagName.toLowerCase());
    expect(nodes).toEqual(['wx-image', 'wx-view', 'wx-image']);
    expect(comp.querySelectorAll('.photo-gallery__photo--loading')).toHaveLength(1);
    expect(text(comp, '.photo-gallery__count')).toBe('共3张照片');
    comp.setData({ props: { photos, urls: ['https://t/a.png', 'https://t/b.png', 'https://t/c.png'], title: 'x' } });
    await flush();
    expect(comp.querySelectorAll('.photo-gallery__photo--loading')).toHaveLength(0);
  });

  test('no photos, no strip', async () => {
    const comp = render(STRIP, { photos: [], urls: [], title: '营养午餐' });
    await flush();
    expect(comp.querySelector('.photo-gallery')).toBeFalsy();
  });
});
