import { CriteriaSheetSchema, type CriteriaSheet, type CriteriaSheetInput } from './criteria-sheet.js';

/**
 * A 1,000-point criteria sheet for a cluster of districts, towns and cities ("cụm thi đua các huyện, thị
 * xã, thành phố"), modelled on such clusters' quy chế: socio-economic targets, new-rural and civilised-urban
 * building, poverty reduction, security and order, administrative reform, and the province's emulation
 * movements. A realistic starting point the cluster adapts, not a norm.
 */
const input: CriteriaSheetInput = {
  title: 'Bảng tiêu chí chấm điểm thi đua cụm các huyện, thị xã, thành phố',
  standardMaxPoints: 1000,
  bonusCap: 50,
  blankMeansZero: true,
  sections: [
    {
      code: 'I',
      title: 'Thực hiện các chỉ tiêu phát triển kinh tế - xã hội',
      maxPoints: 350,
      criteria: [
        { code: 'I.1', kind: 'standard', maxPoints: 100, title: 'Tốc độ tăng trưởng kinh tế, giá trị sản xuất các ngành so với Nghị quyết HĐND giao', guidance: 'Đạt hoặc vượt chỉ tiêu được điểm tối đa; mỗi 1% không đạt trừ 10 điểm. Số liệu của cơ quan thống kê.' },
        { code: 'I.2', kind: 'standard', maxPoints: 80, title: 'Thu ngân sách nhà nước trên địa bàn so với dự toán được giao', guidance: 'Theo Luật Ngân sách nhà nước: đạt 100% dự toán được điểm tối đa; không đạt chấm theo tỷ lệ.' },
        { code: 'I.3', kind: 'standard', maxPoints: 70, title: 'Giải ngân vốn đầu tư công; thu hút đầu tư, phát triển doanh nghiệp', guidance: 'Tỷ lệ giải ngân theo kế hoạch UBND tỉnh giao (Luật Đầu tư công); số doanh nghiệp, dự án mới.' },
        { code: 'I.4', kind: 'standard', maxPoints: 100, title: 'Các chỉ tiêu văn hóa, giáo dục, y tế, lao động, việc làm', guidance: 'Trường đạt chuẩn quốc gia, tỷ lệ bảo hiểm y tế, lao động được tạo việc làm... theo chỉ tiêu được giao.' },
      ],
    },
    {
      code: 'II',
      title: 'Xây dựng nông thôn mới, đô thị văn minh',
      maxPoints: 150,
      criteria: [
        { code: 'II.1', kind: 'standard', maxPoints: 80, title: 'Xã đạt chuẩn nông thôn mới, nông thôn mới nâng cao, kiểu mẫu theo kế hoạch', guidance: 'Chương trình mục tiêu quốc gia xây dựng nông thôn mới; phong trào "Cả nước chung sức xây dựng nông thôn mới". Chấm theo số xã đạt chuẩn so với kế hoạch năm.' },
        { code: 'II.2', kind: 'standard', maxPoints: 40, title: 'Chỉnh trang đô thị, xây dựng đô thị văn minh; bảo vệ môi trường', guidance: 'Tuyến phố văn minh, thu gom, xử lý rác thải; trật tự đô thị, hành lang an toàn giao thông.' },
        { code: 'II.3', kind: 'standard', maxPoints: 30, title: 'Phong trào "Toàn dân đoàn kết xây dựng đời sống văn hóa"', guidance: 'Tỷ lệ gia đình văn hóa, thôn, tổ dân phố văn hóa theo chỉ tiêu.' },
      ],
    },
    {
      code: 'III',
      title: 'Giảm nghèo bền vững và an sinh xã hội',
      maxPoints: 120,
      criteria: [
        { code: 'III.1', kind: 'standard', maxPoints: 70, title: 'Giảm tỷ lệ hộ nghèo, hộ cận nghèo theo chỉ tiêu được giao', guidance: 'Chương trình mục tiêu quốc gia giảm nghèo bền vững; phong trào "Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau". Theo kết quả rà soát hộ nghèo cuối năm.' },
        { code: 'III.2', kind: 'standard', maxPoints: 50, title: 'Xóa nhà tạm, nhà dột nát; chính sách người có công, bảo trợ xã hội', guidance: 'Hoàn thành số nhà được giao trong phong trào chung tay xóa nhà tạm, nhà dột nát; chi trả chính sách đầy đủ, kịp thời.' },
      ],
    },
    {
      code: 'IV',
      title: 'Quốc phòng, an ninh, trật tự an toàn xã hội',
      maxPoints: 120,
      criteria: [
        { code: 'IV.1', kind: 'standard', maxPoints: 50, title: 'Giữ vững an ninh chính trị, trật tự an toàn xã hội; phong trào "Toàn dân bảo vệ an ninh Tổ quốc"', guidance: 'Không để xảy ra điểm nóng; tỷ lệ xã, phường đạt chuẩn an toàn về an ninh, trật tự.' },
        { code: 'IV.2', kind: 'standard', maxPoints: 40, title: 'Kéo giảm tội phạm, tệ nạn xã hội và tai nạn giao thông', guidance: 'Giảm cả ba tiêu chí số vụ, số người chết, số người bị thương so với năm trước.' },
        { code: 'IV.3', kind: 'standard', maxPoints: 30, title: 'Tuyển quân, xây dựng lực lượng dân quân tự vệ, diễn tập khu vực phòng thủ', guidance: 'Giao quân đạt 100% chỉ tiêu; hoàn thành kế hoạch huấn luyện, diễn tập.' },
      ],
    },
    {
      code: 'V',
      title: 'Cải cách hành chính, chuyển đổi số, xây dựng chính quyền',
      maxPoints: 130,
      criteria: [
        { code: 'V.1', kind: 'standard', maxPoints: 50, title: 'Chỉ số cải cách hành chính; giải quyết thủ tục hành chính đúng hạn', guidance: 'Theo kết quả Chỉ số cải cách hành chính và Bộ chỉ số DDCI do tỉnh công bố; tỷ lệ hồ sơ đúng hạn.' },
        { code: 'V.2', kind: 'standard', maxPoints: 40, title: 'Chuyển đổi số; thực hiện Đề án 06', guidance: 'Dịch vụ công trực tuyến, hồ sơ công việc điện tử, dữ liệu dân cư theo Quyết định 06/QĐ-TTg.' },
        { code: 'V.3', kind: 'standard', maxPoints: 40, title: 'Tiếp công dân, giải quyết khiếu nại, tố cáo; phòng, chống tham nhũng, tiêu cực', guidance: 'Giải quyết đúng hạn; không có khiếu nại đông người, vượt cấp kéo dài.' },
      ],
    },
    {
      code: 'VI',
      title: 'Công tác thi đua, khen thưởng và các phong trào thi đua của tỉnh',
      maxPoints: 130,
      criteria: [
        { code: 'VI.1', kind: 'standard', maxPoints: 60, title: 'Tổ chức, hưởng ứng các phong trào thi đua do Trung ương và tỉnh phát động', guidance: 'Có kế hoạch, sơ kết, tổng kết từng phong trào UBND tỉnh phát động trong năm; kết quả cụ thể ở cơ sở.' },
        { code: 'VI.2', kind: 'standard', maxPoints: 40, title: 'Phát hiện, nhân rộng điển hình tiên tiến; khen thưởng đúng quy định', guidance: 'Theo Luật Thi đua, khen thưởng 2022, Nghị định 152/2025/NĐ-CP và Thông tư 15/2025/TT-BNV; chú trọng khen thưởng người lao động trực tiếp.' },
        { code: 'VI.3', kind: 'standard', maxPoints: 30, title: 'Tham gia đầy đủ các hoạt động của cụm thi đua', guidance: 'Ký giao ước; dự đủ các hội nghị của cụm; chấm điểm, kiểm tra chéo đúng thời hạn.' },
      ],
    },
    {
      code: 'VII',
      title: 'Điểm thưởng',
      maxPoints: 50,
      criteria: [
        { code: 'VII.1', kind: 'bonus', maxPoints: 10, allOrNothing: true, title: 'Được tặng Cờ thi đua của UBND tỉnh năm trước', guidance: 'Cộng 10 điểm hoặc không cộng; minh chứng: quyết định khen thưởng.' },
        { code: 'VII.2', kind: 'bonus', maxPoints: 20, allOrNothing: true, title: 'Được công nhận đạt chuẩn hoặc hoàn thành nhiệm vụ xây dựng nông thôn mới, đô thị văn minh trong năm', guidance: 'Cộng 20 điểm hoặc không cộng; minh chứng: quyết định công nhận.' },
        { code: 'VII.3', kind: 'bonus', maxPoints: 20, title: 'Có mô hình, cách làm hay được tỉnh công nhận, nhân rộng', guidance: 'Mỗi mô hình cộng 5 điểm, tối đa 20 điểm.' },
      ],
    },
    {
      code: 'VIII',
      title: 'Điểm trừ',
      maxPoints: 100,
      criteria: [
        { code: 'VIII.1', kind: 'penalty', maxPoints: 30, perOccurrence: 10, title: 'Để xảy ra vụ việc phức tạp về an ninh, trật tự, điểm nóng', guidance: 'Mỗi vụ việc trừ 10 điểm, tối đa 30 điểm; ghi số vụ việc.' },
        { code: 'VIII.2', kind: 'penalty', maxPoints: 20, perOccurrence: 2, title: 'Chậm gửi báo cáo định kỳ, báo cáo thi đua của cụm', guidance: 'Mỗi báo cáo chậm trừ 2 điểm, tối đa 20 điểm; ghi số báo cáo chậm.' },
        { code: 'VIII.3', kind: 'penalty', maxPoints: 50, title: 'Có cán bộ, công chức bị kỷ luật trong năm', guidance: 'Khiển trách trừ 10 điểm; cảnh cáo trừ 20 điểm; cách chức, buộc thôi việc trừ 50 điểm.' },
      ],
    },
  ],
};

/** The districts' sheet, parsed (so it is validated like any sheet an admin imports). */
export const districtsCriteriaSheet: CriteriaSheet = CriteriaSheetSchema.parse(input);
