/**
 * The persons of the demo bloc's nine agencies (invented names): each unit's head, one deputy and its
 * emulation officer, and the province's emulation board as guests. The tests' Party bloc uses them too.
 */
import type { Guest, UnitPeople } from '../../functions/domain/index.js';

type Row = [head: string, headTitle: string, headGender: 'female' | 'male', deputy: string, deputyTitle: string, officer: string, officerGender: 'female' | 'male'];

const ROWS: Record<string, Row> = {
  'vp-tinh-uy': ['Nguyễn Văn Hùng', 'Chánh Văn phòng Tỉnh ủy', 'male', 'Trần Thị Mai', 'Phó Chánh Văn phòng Tỉnh ủy', 'Lê Thị Thu Hà', 'female'],
  'ban-to-chuc': ['Phạm Minh Tuấn', 'Trưởng Ban Tổ chức Tỉnh ủy', 'male', 'Đỗ Thị Lan', 'Phó Trưởng Ban Tổ chức Tỉnh ủy', 'Vũ Đức Anh', 'male'],
  'ban-tuyen-giao': ['Hoàng Văn Nam', 'Trưởng Ban Tuyên giáo Tỉnh ủy', 'male', 'Ngô Thị Hồng', 'Phó Trưởng Ban Tuyên giáo Tỉnh ủy', 'Bùi Thị Ngọc', 'female'],
  'ban-dan-van': ['H Ngăm Niê', 'Trưởng Ban Dân vận Tỉnh ủy', 'female', 'Y Khu Byă', 'Phó Trưởng Ban Dân vận Tỉnh ủy', 'Đặng Thị Hoa', 'female'],
  ubkt: ['Trịnh Quốc Bảo', 'Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy', 'male', 'Lý Văn Sơn', 'Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy', 'Mai Thị Yến', 'female'],
  'ban-noi-chinh': ['Phan Thanh Long', 'Trưởng Ban Nội chính Tỉnh ủy', 'male', 'Cao Thị Bích', 'Phó Trưởng Ban Nội chính Tỉnh ủy', 'Tạ Văn Khoa', 'male'],
  'bao-tinh': ['Dương Văn Thành', 'Tổng Biên tập Báo tỉnh', 'male', 'Lương Thị Kim', 'Phó Tổng Biên tập Báo tỉnh', 'Hồ Minh Trí', 'male'],
  'truong-chinh-tri': ['Võ Thị Thanh', 'Hiệu trưởng Trường Chính trị tỉnh', 'female', 'Nông Văn Đạt', 'Phó Hiệu trưởng Trường Chính trị tỉnh', 'La Thị Huyền', 'female'],
  'dang-uy-khoi': ['Châu Văn Phúc', 'Bí thư Đảng ủy Khối các cơ quan tỉnh', 'male', 'Kiều Thị Vân', 'Phó Bí thư Đảng ủy Khối các cơ quan tỉnh', 'Quách Văn Hải', 'male'],
};

/** A unit's persons; the officer reads the unit's mail (`email`). */
export function demoPeople(unitId: string, email: string): UnitPeople | undefined {
  const row = ROWS[unitId];
  if (!row) return undefined;
  const [head, headTitle, headGender, deputy, deputyTitle, officer, officerGender] = row;
  const deputyGender = / Thị /.test(deputy) ? 'female' : 'male';
  return {
    head: { name: head, title: headTitle, gender: headGender },
    deputies: [{ name: deputy, title: deputyTitle, gender: deputyGender }],
    officer: { name: officer, title: 'Chuyên viên, phụ trách công tác thi đua', gender: officerGender, email },
  };
}

/** The province's emulation board, invited to the bloc's conferences. */
export const DEMO_GUESTS: Guest[] = [
  { name: 'Trương Văn Dũng', title: 'Phó Trưởng Ban Thi đua - Khen thưởng tỉnh', gender: 'male', organisation: 'Ban Thi đua - Khen thưởng tỉnh' },
  { name: 'Lâm Thị Phương', title: 'Chuyên viên Ban Thi đua - Khen thưởng tỉnh', gender: 'female', organisation: 'Ban Thi đua - Khen thưởng tỉnh' },
];
