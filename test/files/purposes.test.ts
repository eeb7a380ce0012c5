import { describe, expect, it } from 'vitest';
import { FILE_PURPOSES, PURPOSES, type MediaExtension } from '../../functions/files/purposes.js';
import { FILE_PHRASES } from '../../functions/shared/file-phrases.js';

const ALL: MediaExtension[] = ['pdf', 'jpg', 'png', 'docx', 'xlsx'];

describe('what an upload page says it takes', () => {
  for (const lang of ['vi', 'en'] as const) {
    for (const purpose of FILE_PURPOSES) {
      it(`names exactly the file types and the size a ${purpose} upload takes (${lang})`, () => {
        const text = FILE_PHRASES[lang].accepts[purpose];
        const { accepts, maxBytes } = PURPOSES[purpose];
        for (const ext of ALL) expect(text.includes(ext.toUpperCase()), `${ext} in "${text}"`).toBe(accepts.includes(ext));
        expect(text).toContain(`${maxBytes / (1024 * 1024)} MB`);
      });
    }
  }
});
