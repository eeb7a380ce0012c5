/**
 * The generated province of the drills, benchmarks and the province page's data: blocs of provincial
 * departments (or their Party committees), with invented persons.
 */
import { partyAwarding, provincialAwarding } from '../../functions/domain/index.js';
import { generatedPeople } from './people.js';

/** What a generated bloc depends on: how many blocs and units the run has, its seed and how blocs vote. */
export interface DrillBlocOptions {
  blocs: number;
  units: number;
  seed: number;
  /** How the blocs vote: at the year-end conference, recorded by the secretary (the default), or online. */
  vote?: 'meeting' | 'online';
}

/** Names of provincial departments, for generated blocs. */
const DEPARTMENTS = ['Sở Tài chính', 'Sở Xây dựng', 'Sở Nội vụ', 'Sở Tư pháp', 'Sở Y tế', 'Sở Giáo dục và Đào tạo', 'Sở Công Thương', 'Sở Nông nghiệp và Môi trường', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Khoa học và Công nghệ', 'Sở Dân tộc và Tôn giáo', 'Thanh tra tỉnh', 'Văn phòng UBND tỉnh', 'Ban Quản lý các khu công nghiệp', 'Đài Phát thanh và Truyền hình', 'Trường Cao đẳng Kỹ thuật', 'Quỹ Đầu tư phát triển', 'Ban Quản lý dự án', 'Trung tâm Phục vụ hành chính công', 'Liên minh Hợp tác xã'];

/**
 * Bloc `b` of a generated province (the province drill's blocs): a cluster ("cụm", with its Cụm trưởng and
 * Cụm phó) of `units` provincial departments under the state header and the province's awards, the first
 * leading; every fifth clusters the departments' Party committees ("Đảng ủy Sở …") under the Party header
 * and the Party's awards, as a province's Party blocs do.
 */
export function drillBloc(options: DrillBlocOptions, b: number) {
  const party = b % 5 === 0;
  const units = Array.from({ length: options.units }, (_, i) => {
    const department = DEPARTMENTS[i] ?? `Đơn vị số ${i + 1}`;
    const name = party ? `Đảng ủy ${department}` : department;
    const email = `dv-${i + 1}.cum-${b}@demo-${options.seed}.thidua.local`;
    return { id: `dv-${i + 1}`, name: options.blocs > 1 ? `${name} (cụm ${b})` : name, shortName: `DV${i + 1}`, email, rotationOrder: i, womenLed: i % 4 === 1, people: generatedPeople(b * 100 + i, name, email) };
  });
  const rules = { voteMode: options.vote === 'online' ? 'online' : 'secretBallot', awarding: { ...(party ? partyAwarding : provincialAwarding), kind: 'cum' as const } };
  const headerStyle: 'party' | 'state' = party ? 'party' : 'state';
  return { id: `cum-${options.seed}-${b}`, name: `Cụm thi đua số ${b}`, province: 'Đồng Nai', headerStyle, units, leaderUnitId: 'dv-1', deputyUnitId: 'dv-2', approverEmail: `ban-tdkt@demo-${options.seed}.thidua.local`, rules };
}

