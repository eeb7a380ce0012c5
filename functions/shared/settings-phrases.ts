/**
 * The words of a bloc's settings changes ("nhật ký thay đổi") on its admin page, in Vietnamese and
 * English: a chapter of the phrase book (phrases.ts includes it as `t.settingsChanges`).
 */
export const SETTINGS_CHANGE_PHRASES = {
  vi: {
    title: 'Nhật ký thay đổi',
    intro: 'Các lần lưu thiết lập của khối gần nhất: ai lưu, lúc nào, thay đổi phần nào.',
    empty: 'Chưa có thay đổi nào được ghi lại.',
    at: 'Thời gian',
    by: 'Người thực hiện',
    what: 'Nội dung thay đổi',
    created: 'Tạo khối',
    /** Who saved when no admin did: the demo's or a bench's seeding. */
    system: 'Hệ thống (dữ liệu mẫu)',
    other: 'Thông tin khác',
    parts: {
      name: 'Tên khối',
      province: 'Tỉnh, thành phố',
      headerStyle: 'Mẫu tiêu đề văn bản',
      units: 'Đơn vị thành viên',
      leaderUnitId: 'Trưởng khối',
      deputyUnitId: 'Phó Trưởng khối',
      guests: 'Khách mời',
      rules: 'Quy chế',
      sheet: 'Bảng tiêu chí áp dụng',
      approverEmail: 'Địa chỉ phê duyệt',
    },
  },
  en: {
    title: 'Change log',
    intro: 'The latest saves of the bloc\'s settings: who saved, when, and which parts changed.',
    empty: 'No change recorded yet.',
    at: 'When',
    by: 'By',
    what: 'What changed',
    created: 'Bloc created',
    system: 'The system (sample data)',
    other: 'Other details',
    parts: {
      name: 'Bloc name',
      province: 'Province',
      headerStyle: 'Document header style',
      units: 'Member units',
      leaderUnitId: 'Bloc leader',
      deputyUnitId: 'Deputy leader',
      guests: 'Guests',
      rules: 'Rules',
      sheet: 'Criteria sheet in force',
      approverEmail: 'Approver address',
    },
  },
} as const;
