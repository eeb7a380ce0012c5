import { CriteriaSheetSchema, type CriteriaSheet, type CriteriaSheetInput } from './criteria-sheet.js';

/**
 * A 1,000-point criteria sheet for a bloc of provincial departments, boards and agencies ("sở, ban,
 * ngành"), modelled on such blocs' quy chế: they are judged on the tasks the Provincial People's Committee
 * assigns, administrative reform and digital transformation, budget execution, and the province's
 * emulation movements. A realistic starting point the bloc adapts, not a norm.
 */
const input: CriteriaSheetInput = {
  title: 'Bảng tiêu chí chấm điểm thi đua khối các sở, ban, ngành tỉnh',
  standardMaxPoints: 1000,
  bonusCap: 50,
  blankMeansZero: true,
  sections: [
    {
      code: 'I',
      title: 'Thực hiện nhiệm vụ chính trị, chuyên môn được UBND tỉnh giao',
      maxPoints: 400,
      criteria: [
        { code: 'I.1', kind: 'standard', maxPoints: 150, title: 'Hoàn thành các chỉ tiêu kế hoạch phát triển kinh tế - xã hội năm thuộc ngành, lĩnh vực', guidance: 'Chấm theo tỷ lệ chỉ tiêu Nghị quyết HĐND tỉnh, Quyết định của UBND tỉnh giao hoàn thành: 100% được điểm tối đa; mỗi chỉ tiêu không đạt trừ 15 điểm. Minh chứng: báo cáo kết quả có số liệu.' },
        { code: 'I.2', kind: 'standard', maxPoints: 100, title: 'Thực hiện các nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao tại văn bản chỉ đạo', guidance: 'Nhiệm vụ hoàn thành đúng hạn, đúng chất lượng theo theo dõi trên hệ thống quản lý văn bản và điều hành của tỉnh. Nhiệm vụ quá hạn trừ tại mục điểm trừ.' },
        { code: 'I.3', kind: 'standard', maxPoints: 80, title: 'Tham mưu ban hành văn bản quy phạm pháp luật, đề án, cơ chế, chính sách thuộc lĩnh vực quản lý', guidance: 'Trình đúng chương trình công tác của UBND tỉnh; không phải rút, lùi tiến độ hoặc trả lại để hoàn thiện.' },
        { code: 'I.4', kind: 'standard', maxPoints: 70, title: 'Quản lý nhà nước về ngành, lĩnh vực; thanh tra, kiểm tra chuyên ngành', guidance: 'Thực hiện kế hoạch thanh tra, kiểm tra năm; xử lý, kiến nghị xử lý sai phạm; theo dõi thực hiện kết luận.' },
      ],
    },
    {
      code: 'II',
      title: 'Cải cách hành chính và chuyển đổi số',
      maxPoints: 200,
      criteria: [
        { code: 'II.1', kind: 'standard', maxPoints: 60, title: 'Kết quả Chỉ số cải cách hành chính (PAR INDEX) của cơ quan', guidance: 'Theo kết quả xác định Chỉ số cải cách hành chính do UBND tỉnh công bố; căn cứ Nghị quyết 76/NQ-CP của Chính phủ về Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021–2030.' },
        { code: 'II.2', kind: 'standard', maxPoints: 50, title: 'Giải quyết thủ tục hành chính đúng hạn, trực tuyến toàn trình; mức độ hài lòng của người dân, doanh nghiệp', guidance: 'Tỷ lệ hồ sơ đúng hạn và nộp trực tuyến trên Cổng dịch vụ công; không có hồ sơ trễ hạn phải xin lỗi.' },
        { code: 'II.3', kind: 'standard', maxPoints: 60, title: 'Chuyển đổi số, dữ liệu của ngành; thực hiện Đề án 06', guidance: 'Hồ sơ công việc điện tử, chữ ký số, cơ sở dữ liệu chuyên ngành kết nối, chia sẻ; nhiệm vụ được giao theo Đề án 06 (Quyết định 06/QĐ-TTg của Thủ tướng Chính phủ).' },
        { code: 'II.4', kind: 'standard', maxPoints: 30, title: 'Đóng góp cải thiện môi trường đầu tư, kinh doanh (PCI, DDCI)', guidance: 'Các chỉ số thành phần PCI do ngành phụ trách được cải thiện; kết quả Bộ chỉ số năng lực cạnh tranh cấp sở, ngành và địa phương (DDCI) của tỉnh.' },
      ],
    },
    {
      code: 'III',
      title: 'Quản lý tài chính, ngân sách và tài sản công',
      maxPoints: 150,
      criteria: [
        { code: 'III.1', kind: 'standard', maxPoints: 60, title: 'Thực hiện dự toán ngân sách được giao; giải ngân vốn đầu tư công', guidance: 'Theo Luật Ngân sách nhà nước và Luật Đầu tư công: tỷ lệ giải ngân đạt kế hoạch UBND tỉnh giao được điểm tối đa; không đạt chấm theo tỷ lệ.' },
        { code: 'III.2', kind: 'standard', maxPoints: 40, title: 'Thực hành tiết kiệm, chống lãng phí; quản lý, sử dụng tài sản công', guidance: 'Có chương trình và báo cáo kết quả; tài sản công sử dụng đúng tiêu chuẩn, định mức.' },
        { code: 'III.3', kind: 'standard', maxPoints: 50, title: 'Công khai tài chính; chấp hành kết luận thanh tra, kiểm toán', guidance: 'Công khai dự toán, quyết toán đúng quy định; thực hiện đầy đủ, đúng hạn kiến nghị của Kiểm toán nhà nước, thanh tra.' },
      ],
    },
    {
      code: 'IV',
      title: 'Công tác thi đua, khen thưởng và các phong trào thi đua của tỉnh',
      maxPoints: 150,
      criteria: [
        { code: 'IV.1', kind: 'standard', maxPoints: 40, title: 'Ký giao ước, tổ chức phong trào thi đua thường xuyên và theo chuyên đề của ngành', guidance: 'Có kế hoạch phát động, sơ kết, tổng kết; tiêu chí thi đua cụ thể, gắn với nhiệm vụ chính trị của ngành.' },
        { code: 'IV.2', kind: 'standard', maxPoints: 50, title: 'Hưởng ứng các phong trào thi đua do Trung ương và tỉnh phát động', guidance: 'Phong trào "Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau", chung tay xóa nhà tạm, nhà dột nát, "Cả nước thi đua xây dựng xã hội học tập" và các phong trào UBND tỉnh phát động trong năm: có kế hoạch, kết quả cụ thể.' },
        { code: 'IV.3', kind: 'standard', maxPoints: 30, title: 'Phát hiện, nhân rộng điển hình tiên tiến; hồ sơ khen thưởng đúng quy định', guidance: 'Theo Luật Thi đua, khen thưởng 2022, Nghị định 152/2025/NĐ-CP và Thông tư 15/2025/TT-BNV; hồ sơ đủ thành phần, đúng thời hạn.' },
        { code: 'IV.4', kind: 'standard', maxPoints: 30, title: 'Tham gia đầy đủ các hoạt động của khối thi đua', guidance: 'Dự đủ các cuộc họp, hội nghị của khối; chấm điểm, kiểm tra chéo đúng thời hạn.' },
      ],
    },
    {
      code: 'V',
      title: 'Xây dựng tổ chức bộ máy, Đảng và đoàn thể',
      maxPoints: 100,
      criteria: [
        { code: 'V.1', kind: 'standard', maxPoints: 40, title: 'Sắp xếp tổ chức bộ máy, tinh giản biên chế; quản lý cán bộ, công chức, viên chức', guidance: 'Thực hiện đúng lộ trình sắp xếp; tuyển dụng, đánh giá, đào tạo đúng quy định.' },
        { code: 'V.2', kind: 'standard', maxPoints: 30, title: 'Xây dựng tổ chức Đảng, đoàn thể trong sạch, vững mạnh', guidance: 'Tổ chức đảng, công đoàn, đoàn thanh niên được cấp trên xếp loại hoàn thành tốt nhiệm vụ trở lên.' },
        { code: 'V.3', kind: 'standard', maxPoints: 30, title: 'Văn hóa công sở, kỷ luật, kỷ cương hành chính; phòng, chống tham nhũng, tiêu cực', guidance: 'Thực hiện quy tắc ứng xử, kê khai tài sản, thu nhập đúng quy định; không có vi phạm bị xử lý.' },
      ],
    },
    {
      code: 'VI',
      title: 'Điểm thưởng',
      maxPoints: 60,
      criteria: [
        { code: 'VI.1', kind: 'bonus', maxPoints: 10, allOrNothing: true, title: 'Được tặng Cờ thi đua của UBND tỉnh năm trước', guidance: 'Cộng 10 điểm hoặc không cộng; minh chứng: quyết định khen thưởng.' },
        { code: 'VI.2', kind: 'bonus', maxPoints: 10, allOrNothing: true, title: 'Chỉ số cải cách hành chính của cơ quan thuộc nhóm 5 đơn vị dẫn đầu tỉnh', guidance: 'Cộng 10 điểm hoặc không cộng, theo kết quả UBND tỉnh công bố.' },
        { code: 'VI.3', kind: 'bonus', maxPoints: 20, title: 'Có sáng kiến, mô hình mới được cấp có thẩm quyền công nhận', guidance: 'Mỗi sáng kiến, mô hình cộng 5 điểm, tối đa 20 điểm.' },
        { code: 'VI.4', kind: 'bonus', maxPoints: 20, title: 'Hoàn thành xuất sắc nhiệm vụ đột xuất được UBND tỉnh ghi nhận', guidance: 'Có văn bản ghi nhận của UBND tỉnh; mỗi nhiệm vụ cộng 10 điểm.' },
      ],
    },
    {
      code: 'VII',
      title: 'Điểm trừ',
      maxPoints: 100,
      criteria: [
        { code: 'VII.1', kind: 'penalty', maxPoints: 30, perOccurrence: 2, title: 'Nhiệm vụ UBND tỉnh giao bị quá hạn', guidance: 'Mỗi nhiệm vụ quá hạn trừ 2 điểm, tối đa 30 điểm; ghi số nhiệm vụ quá hạn.' },
        { code: 'VII.2', kind: 'penalty', maxPoints: 20, perOccurrence: 2, title: 'Chậm gửi báo cáo định kỳ, báo cáo thi đua của khối', guidance: 'Mỗi báo cáo chậm trừ 2 điểm, tối đa 20 điểm; ghi số báo cáo chậm.' },
        { code: 'VII.3', kind: 'penalty', maxPoints: 50, title: 'Có cán bộ, công chức, viên chức bị kỷ luật trong năm', guidance: 'Khiển trách trừ 10 điểm; cảnh cáo trừ 20 điểm; cách chức, buộc thôi việc trừ 50 điểm.' },
      ],
    },
  ],
};

/** The departments' sheet, parsed (so it is validated like any sheet an admin imports). */
export const departmentsCriteriaSheet: CriteriaSheet = CriteriaSheetSchema.parse(input);
