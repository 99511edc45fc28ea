import { expect, kith, PHOTO_PNG, test } from './fixtures';

const PHOTO = 'https://media.licdn.com/dms/image/anna/profile-displayphoto-shrink_400_400/0/1';

test('a transparent profile photo is kept on a light background, not black', async ({ context, openExtensionPage }) => {
  // Kith's icon: a PNG whose corners are fully transparent.
  await context.route(/^https:\/\/media\.licdn\.com\//, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PHOTO_PNG }));
  const page = await openExtensionPage('options.html');
  const { person } = await kith<{ person: { id: string } }>(page, 'encounter.record', {
    profile: { site: 'linkedin', keys: ['linkedin:anna-nowak'], url: 'https://www.linkedin.com/in/anna-nowak/', name: 'Anna Nowak' },
    encounter: { date: '2026-06-19', kind: 'in-person' },
    photoUrl: PHOTO,
  });
  const photos = await kith<Record<string, string>>(page, 'people.photos', { ids: [person.id] });
  expect(photos[person.id]).toMatch(/^data:image\/jpeg;base64,/);
  // The stored thumbnail's top-left pixel, decoded as the browser shows it.
  const corner = await page.evaluate(async (url) => {
    const bitmap = await createImageBitmap(await (await fetch(url)).blob());
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const g = canvas.getContext('2d')!;
    g.drawImage(bitmap, 0, 0);
    return [...g.getImageData(1, 1, 1, 1).data];
  }, photos[person.id]);
  for (const channel of corner.slice(0, 3)) expect(channel).toBeGreaterThan(200);
});
