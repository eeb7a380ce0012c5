/**
 * Invented persons for the generated blocs' units (head, one deputy, the emulation officer who reads the
 * unit's mail), so that their conferences record attendance by person and their documents name signers.
 */
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MEN = ['Văn Hùng', 'Minh Tuấn', 'Quốc Bảo', 'Thanh Long', 'Đức Anh', 'Văn Nam', 'Hữu Phước', 'Công Thành'];
const WOMEN = ['Thị Mai', 'Thị Lan', 'Thị Hồng', 'Thu Hà', 'Ngọc Anh', 'Thị Yến', 'Kim Oanh', 'Thị Thanh'];

/** How the head of a provincial agency is titled, by the kind of agency its name begins with. */
const HEADS: Array<[RegExp, string, string]> = [
  [/^Đảng ủy /, 'Bí thư', 'Phó Bí thư'],
  [/^(Sở|Đài|Quỹ|Trung tâm) /, 'Giám đốc', 'Phó Giám đốc'],
  [/^(Thanh tra|Văn phòng) /, 'Chánh', 'Phó Chánh'],
  [/^Trường /, 'Hiệu trưởng', 'Phó Hiệu trưởng'],
  [/^Liên minh /, 'Chủ tịch', 'Phó Chủ tịch'],
  [/^Ban /, 'Trưởng', 'Phó Trưởng'],
];
function headTitles(unitName: string): { head: string; deputy: string } {
  const [, head, deputy] = HEADS.find(([pattern]) => pattern.test(unitName)) ?? [undefined, 'Thủ trưởng', 'Phó Thủ trưởng'];
  return { head: `${head} ${unitName}`, deputy: `${deputy} ${unitName}` };
}

/** The persons of generated unit number `n` (any whole number: the names repeat in a fixed pattern). */
export function generatedPeople(n: number, unitName: string, email: string) {
  const person = (k: number, female: boolean) => `${FAMILY[(n * 3 + k) % FAMILY.length]} ${(female ? WOMEN : MEN)[(n + k * 5) % 8]}`;
  const headFemale = n % 4 === 1;
  const titles = headTitles(unitName);
  return {
    head: { name: person(0, headFemale), title: titles.head, gender: headFemale ? ('female' as const) : ('male' as const) },
    deputies: [{ name: person(1, !headFemale), title: titles.deputy, gender: headFemale ? ('male' as const) : ('female' as const) }],
    officer: { name: person(2, true), title: 'Chuyên viên, phụ trách công tác thi đua', gender: 'female' as const, email },
  };
}
