import { describe, expect, it } from 'vitest';
import { isAllowedPhotoUrl } from '../../entrypoints/background/thumbnail';

describe('the photo hosts the background may fetch from', () => {
  it('accepts each site photo CDN over https', () => {
    for (const url of [
      'https://media.licdn.com/dms/image/v2/abc/profile-displayphoto-shrink_200_200/0/1',
      'https://media-exp1.licdn.com/dms/image/abc/profile-displayphoto-shrink_400_400/0/1',
      'https://avatars.githubusercontent.com/u/7310245?v=4',
      'https://pbs.twimg.com/profile_images/1780000000000000000/AbCdEfGh_200x200.jpg',
      'https://profile-images.xing.com/images/4c3b2a1f-2/anna.256x256.jpg',
    ]) expect(isAllowedPhotoUrl(url), url).toBe(true);
  });

  it('refuses anything else: other hosts, look-alikes, http, placeholders, non-URLs', () => {
    for (const url of [
      'http://media.licdn.com/dms/image/abc',
      'https://static.licdn.com/aero-v1/sc/h/ghost-person.svg',
      'https://media.licdn.com/dms/image/ghost/0/1',
      'https://avatars.githubusercontent.com.evil.example/u/1',
      'https://evilavatars.githubusercontent.com/u/1',
      'https://github.com/anna.png',
      'https://pbs.twimg.com.example/profile_images/1/a.jpg',
      'https://abs.twimg.com/sticky/default_profile_images/default_profile_400x400.png',
      'https://www.xing.com/profile/Anna_Nowak',
      'https://example.com/photo.jpg',
      'javascript:alert(1)',
      'data:image/png;base64,AAAA',
      'not a url',
    ]) expect(isAllowedPhotoUrl(url), url).toBe(false);
  });
});
