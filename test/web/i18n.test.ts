import { describe, expect, it } from 'vitest';
import { translateIssue } from '../../functions/web/i18n.js';

const EARLY_CONFERENCE = 'the conference votes on the ranking published when its phase opened (2026-12-01): it cannot have sat before';

describe('a validation message in the page\'s language', () => {
  it('says in Vietnamese why a year-end conference dated before its phase opened is refused, with the day as dd/mm/yyyy', () => {
    expect(translateIssue(EARLY_CONFERENCE, 'vi')).toBe('hội nghị bình xét trên kết quả xếp hạng công bố khi mở giai đoạn (01/12/2026): không thể họp trước ngày đó');
  });

  it('writes the day as dd/mm/yyyy in English too', () => {
    expect(translateIssue(EARLY_CONFERENCE, 'en')).toBe('the conference votes on the ranking published when its phase opened (01/12/2026): it cannot have sat before');
  });
});
