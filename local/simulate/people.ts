/**
 * Invented persons for the generated blocs' units (head, one deputy, the emulation officer who reads the
 * unit's mail), so that their conferences record attendance by person and their documents name signers.
 */
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MEN = ['Văn Hùng', 'Minh Tuấn', 'Quốc Bảo', 'Thanh Long', 'Đức Anh', 'Văn Nam', 'Hữu Phước', 'Công Thành'];
const WOMEN = ['Thị Mai', 'Thị Lan', 'Thị Hồng', 'Thu Hà', 'Ngọc Anh', 'Thị Yến', 'Kim Oanh', 'Thị Thanh'];

/** The persons of generated unit number `n` (any whole number: the names repeat in a fixed pattern). */
export function generatedPeople(n: number, unitName: string, email: string) {
  const person = (k: number, female: boolean) => `${FAMILY[(n * 3 + k) % FAMILY.length]} ${(female ? WOMEN : MEN)[(n + k * 5) % 8]}`;
  const headFemale = n % 4 === 1;
  return {
    head: { name: person(0, headFemale), title: `Thủ trưởng ${unitName}`, gender: headFemale ? ('female' as const) : ('male' as const) },
    deputies: [{ name: person(1, !headFemale), title: `Phó Thủ trưởng ${unitName}`, gender: headFemale ? ('male' as const) : ('female' as const) }],
    officer: { name: person(2, true), title: 'Chuyên viên, phụ trách công tác thi đua', gender: 'female' as const, email },
  };
}
