import { CriteriaSheetSchema, type CriteriaSheet, type CriteriaSheetInput } from './criteria-sheet.js';

/**
 * The default 1,000-point criteria sheet for a bloc of provincial Party agencies, modelled on the sheets
 * such blocs publish (Văn phòng Tỉnh ủy, the Boards of the Provincial Party Committee, the provincial
 * newspaper...). Every bloc adapts it in its own quy chế; this is a realistic starting point, not a norm.
 */
const input: CriteriaSheetInput = {
  title: 'Bảng tiêu chí chấm điểm thi đua khối các cơ quan Đảng tỉnh',
  standardMaxPoints: 1000,
  bonusCap: 50,
  // As such sheets print it: "không có thì để trống", a bonus or penalty row is typed only when it applies.
  blankMeansZero: true,
  sections: [
    {
      code: 'I',
      title: 'Thực hiện nhiệm vụ chính trị, chuyên môn',
      maxPoints: 400,
      criteria: [
        { code: 'I.1', kind: 'standard', maxPoints: 100, title: 'Tham mưu, ban hành và tổ chức thực hiện chương trình công tác năm', guidance: 'Có chương trình công tác năm được ban hành trong quý I; tổ chức thực hiện đầy đủ. Minh chứng: chương trình, báo cáo kết quả.' },
        { code: 'I.2', kind: 'standard', maxPoints: 150, title: 'Hoàn thành các chỉ tiêu, nhiệm vụ được cấp ủy giao trong năm', guidance: 'Chấm theo tỷ lệ chỉ tiêu hoàn thành: 100% được điểm tối đa; mỗi chỉ tiêu không hoàn thành trừ 10 điểm.' },
        { code: 'I.3', kind: 'standard', maxPoints: 80, title: 'Chất lượng tham mưu văn bản, đề án trình cấp ủy', guidance: 'Văn bản, đề án trình đúng tiến độ, được cấp ủy thông qua; không phải trả lại để chỉnh sửa nhiều lần.' },
        { code: 'I.4', kind: 'standard', maxPoints: 70, title: 'Thực hiện chế độ thông tin, báo cáo đúng hạn, đúng quy định', guidance: 'Báo cáo định kỳ, đột xuất gửi đúng hạn; mỗi báo cáo chậm trừ 2 điểm.' },
      ],
    },
    {
      code: 'II',
      title: 'Công tác xây dựng Đảng và các đoàn thể',
      maxPoints: 250,
      criteria: [
        { code: 'II.1', kind: 'standard', maxPoints: 70, title: 'Xây dựng Đảng về chính trị, tư tưởng, đạo đức', guidance: 'Học tập, quán triệt nghị quyết đầy đủ; thực hiện Chỉ thị 05-CT/TW về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.' },
        { code: 'II.2', kind: 'standard', maxPoints: 70, title: 'Công tác tổ chức, cán bộ, đảng viên', guidance: 'Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên; kết nạp đảng viên; quy hoạch, đào tạo cán bộ theo kế hoạch.' },
        { code: 'II.3', kind: 'standard', maxPoints: 50, title: 'Công tác kiểm tra, giám sát và thi hành kỷ luật đảng', guidance: 'Thực hiện đúng chương trình kiểm tra, giám sát năm; giải quyết kịp thời các vụ việc phát sinh.' },
        { code: 'II.4', kind: 'standard', maxPoints: 60, title: 'Hoạt động của Công đoàn, Đoàn Thanh niên, Hội Cựu chiến binh cơ quan', guidance: 'Các tổ chức đoàn thể được cấp trên xếp loại hoàn thành tốt nhiệm vụ trở lên.' },
      ],
    },
    {
      code: 'III',
      title: 'Công tác thi đua, khen thưởng',
      maxPoints: 150,
      criteria: [
        { code: 'III.1', kind: 'standard', maxPoints: 40, title: 'Ký giao ước và tổ chức các phong trào thi đua', guidance: 'Ký giao ước thi đua đầu năm; phát động phong trào thi đua thường xuyên và theo chuyên đề, có kế hoạch cụ thể.' },
        { code: 'III.2', kind: 'standard', maxPoints: 40, title: 'Sơ kết, tổng kết, phát hiện và nhân rộng điển hình tiên tiến', guidance: 'Tổ chức sơ kết 6 tháng, tổng kết năm; có điển hình tiên tiến được biểu dương.' },
        { code: 'III.3', kind: 'standard', maxPoints: 40, title: 'Tham gia đầy đủ các hoạt động của khối thi đua', guidance: 'Dự đủ các cuộc họp, hội nghị của khối; tham gia kiểm tra chéo đúng thời hạn.' },
        { code: 'III.4', kind: 'standard', maxPoints: 30, title: 'Thực hiện quy trình, hồ sơ khen thưởng đúng quy định', guidance: 'Hồ sơ đề nghị khen thưởng đúng thành phần, đúng thời hạn theo Nghị định 152/2025/NĐ-CP.' },
      ],
    },
    {
      code: 'IV',
      title: 'Cải cách hành chính, chuyển đổi số và văn hóa công sở',
      maxPoints: 200,
      criteria: [
        { code: 'IV.1', kind: 'standard', maxPoints: 50, title: 'Cải cách thủ tục hành chính và quy chế làm việc', guidance: 'Rà soát, sửa đổi quy chế làm việc; giải quyết công việc đúng quy trình, đúng hạn.' },
        { code: 'IV.2', kind: 'standard', maxPoints: 60, title: 'Chuyển đổi số, ứng dụng công nghệ thông tin, hồ sơ công việc điện tử', guidance: 'Văn bản điện tử, chữ ký số; hồ sơ công việc trên hệ thống quản lý văn bản; bảo đảm an toàn thông tin.' },
        { code: 'IV.3', kind: 'standard', maxPoints: 50, title: 'Thực hành tiết kiệm, chống lãng phí; phòng, chống tham nhũng, tiêu cực', guidance: 'Có kế hoạch và báo cáo kết quả; công khai tài chính đúng quy định.' },
        { code: 'IV.4', kind: 'standard', maxPoints: 40, title: 'Văn hóa công sở, kỷ luật, kỷ cương hành chính', guidance: 'Thực hiện quy tắc ứng xử; không có cán bộ vi phạm giờ giấc, kỷ luật lao động.' },
      ],
    },
    {
      code: 'V',
      title: 'Điểm thưởng',
      maxPoints: 60,
      criteria: [
        { code: 'V.1', kind: 'bonus', maxPoints: 10, title: 'Được tặng Cờ thi đua của UBND tỉnh năm trước', guidance: 'Cộng 10 điểm; minh chứng: quyết định khen thưởng.' },
        { code: 'V.2', kind: 'bonus', maxPoints: 20, title: 'Có mô hình, sáng kiến được cấp có thẩm quyền công nhận', guidance: 'Mỗi mô hình, sáng kiến cộng 5 điểm, tối đa 20 điểm.' },
        { code: 'V.3', kind: 'bonus', maxPoints: 10, title: 'Được cấp trên biểu dương, khen thưởng đột xuất trong năm', guidance: 'Mỗi lần cộng 5 điểm, tối đa 10 điểm.' },
        { code: 'V.4', kind: 'bonus', maxPoints: 20, title: 'Hoàn thành xuất sắc nhiệm vụ đột xuất được cấp ủy giao', guidance: 'Có văn bản ghi nhận của cấp ủy; mỗi nhiệm vụ cộng 10 điểm.' },
      ],
    },
    {
      code: 'VI',
      title: 'Điểm trừ',
      maxPoints: 100,
      criteria: [
        { code: 'VI.1', kind: 'penalty', maxPoints: 20, title: 'Chậm nộp báo cáo, hồ sơ thi đua của khối', guidance: 'Mỗi lần chậm trừ 5 điểm, tối đa 20 điểm.' },
        { code: 'VI.2', kind: 'penalty', maxPoints: 50, title: 'Có cán bộ, đảng viên bị kỷ luật trong năm', guidance: 'Khiển trách trừ 10 điểm; cảnh cáo trừ 20 điểm; cách chức trở lên trừ 50 điểm.' },
        { code: 'VI.3', kind: 'penalty', maxPoints: 30, title: 'Để xảy ra đơn thư khiếu nại, tố cáo vượt cấp, kéo dài', guidance: 'Mỗi vụ việc trừ 10 điểm, tối đa 30 điểm.' },
      ],
    },
  ],
};

/** The default sheet, parsed (so it is validated like any sheet an admin imports). */
export const defaultCriteriaSheet: CriteriaSheet = CriteriaSheetSchema.parse(input);
