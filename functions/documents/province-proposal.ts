/**
 * Tờ trình của tỉnh (DOCX): the province's proposal to the central emulation board for the Government's
 * emulation flag (Law 2022 art. 25): the legal basis, how the province's blocs ran the year, the units it
 * proposes (each with its bloc, score against its sheet's scale, classification, earlier flags, votes and
 * the board's reason) and, attached, each unit's achievement report from its bloc's dossier files.
 */
import { CLASSIFICATION_LABELS, GOVERNMENT_FLAG_SOURCES, RULE_SOURCES, formatNumber, formatPoints, type BoardPeople, type GovernmentFlagChoice } from '../domain/index.js';
import type { FlagWinner, ProvinceView } from '../dossier/index.js';
import { centred, dataTable, letterhead, numbered, packDocx, para, run, title, type Section } from './layout.js';
import { signatures, type Signatory } from './signature-block.js';

/** The board's recorded choice, as the proposal states it. */
export interface ProvinceChoice extends GovernmentFlagChoice {
  quota: number;
  exceptions: string[];
  decidedAt: string;
}

export interface ProvinceProposalInput {
  view: ProvinceView;
  choice: ProvinceChoice;
  province: string;
  /** Each nominee's achievement reports in its bloc's dossier (file names), by `blocId/unitId`. */
  reports: Record<string, string[]>;
  /** The board's persons as the settings record them; the one who signs is printed by name. */
  board: BoardPeople;
}

const COUNCIL = 'Hội đồng Thi đua - Khen thưởng Trung ương';

/** Builds the proposal; the choice names units of the view's flag winners (the admin module checked it). */
export async function provinceProposalDocx(input: ProvinceProposalInput): Promise<Uint8Array> {
  const { view, choice, province } = input;
  const board = `Ban Thi đua - Khen thưởng tỉnh ${province}`;
  const chosen = choice.nominees.map((n) => ({ nominee: n, winner: view.winners.find((w) => w.blocId === n.blocId && w.unitId === n.unitId) })).filter((c): c is { nominee: typeof c.nominee; winner: FlagWinner } => c.winner !== undefined);
  const sections: Section[] = [
    {
      heading: 'KẾT QUẢ THI ĐUA CỦA CÁC KHỐI, CỤM THI ĐUA',
      body: [
        para(`Năm ${view.year}, tỉnh tổ chức ${view.blocs.length} khối, cụm thi đua; ${view.blocs.filter((b) => b.stage === 'approved').length} khối, cụm đã được phê duyệt kết quả, tặng ${view.winners.filter((w) => w.approved).length} Cờ thi đua cấp tỉnh cho các tập thể dẫn đầu.`),
        para(`Theo tỷ lệ ${formatNumber(choice.rules.sharePercent)}% số Cờ thi đua cấp tỉnh, tỉnh được đề nghị tối đa ${choice.quota} tập thể. ${GOVERNMENT_FLAG_SOURCES.share}.`),
        ...(choice.exceptions.length > 0 ? [para(`Ngoại lệ: ${choice.exceptionReason}.`)] : []),
      ],
    },
    {
      heading: 'ĐỀ NGHỊ TẶNG CỜ THI ĐUA CỦA CHÍNH PHỦ',
      body: [
        chosen.length > 0
          ? dataTable(
              [
                { header: 'STT', share: 0.06, align: 'center' },
                { header: 'Tập thể', share: 0.24 },
                { header: 'Khối, cụm thi đua', share: 0.16 },
                { header: 'Điểm / điểm chuẩn', share: 0.14, align: 'right' },
                { header: 'Xếp loại', share: 0.14 },
                { header: 'Cờ thi đua các năm', share: 0.12, align: 'center' },
                { header: 'Phiếu đồng ý', share: 0.14, align: 'center' },
              ],
              chosen.map(({ winner: w }, i) => [String(i + 1), w.unitName, w.blocName, `${formatPoints(w.total)}/${formatPoints(w.standardMax)} (${formatNumber(w.share)}%)`, CLASSIFICATION_LABELS[w.classification].vi, [view.year, ...w.flagYears].join(', '), w.votes === 'leaders' ? `${w.leaders} quyết định` : `${w.votes.approvals}/${w.votes.members}`]),
            )
          : para('Tỉnh không đề nghị tập thể nào.'),
        ...chosen.map(({ nominee, winner: w }, i) => para([run(`${i + 1}. ${w.unitName}: `, { bold: true }), run(nominee.reason)])),
      ],
    },
    {
      heading: 'HỒ SƠ KÈM THEO',
      body: [
        para(`1. Bảng tổng hợp kết quả thi đua các khối, cụm thi đua năm ${view.year}.`),
        ...chosen.map(({ winner: w }, i) => {
          const files = input.reports[`${w.blocId}/${w.unitId}`] ?? [];
          return para(`${i + 2}. Báo cáo thành tích của ${w.unitName}${files.length > 0 ? ` (${files.join('; ')})` : ' (khối chưa nộp tệp báo cáo thành tích)'}.`);
        }),
      ],
    },
  ];
  const body = [
    letterhead({ style: 'state', parent: `ỦY BAN NHÂN DÂN TỈNH ${province.toUpperCase()}`, issuer: board.toUpperCase(), kind: 'TTr', issuerCode: 'BTĐKT', province, at: choice.decidedAt }),
    ...title('TỜ TRÌNH', [`Về việc đề nghị tặng Cờ thi đua của Chính phủ năm ${view.year}`]),
    centred(`Kính gửi: ${COUNCIL}.`, { size: 14 }, 240),
    ...RULE_SOURCES.legalBasis.map((basis) => para([run(`Căn cứ ${basis};`, { italics: true })])),
    para([run(`Căn cứ ${GOVERNMENT_FLAG_SOURCES.award};`, { italics: true })]),
    para([run(`Căn cứ kết quả phê duyệt hồ sơ thi đua của các khối, cụm thi đua năm ${view.year},`, { italics: true })]),
    para(`${board} kính trình ${COUNCIL} xem xét như sau:`),
    ...numbered(sections),
    signatures(`${board} kính trình ${COUNCIL} xem xét, trình Thủ tướng Chính phủ quyết định./.`, { recipients: ['Như trên;', `UBND tỉnh ${province};`, `Lưu: VT, BTĐKT.`] }, boardSignatory(input.board)),
  ];
  return packDocx({ title: `Tờ trình đề nghị tặng Cờ thi đua của Chính phủ năm ${view.year}`, subject: board }, body);
}

/**
 * Who signs for the board: its head; with no head recorded, the deputy for the head ("KT. TRƯỞNG BAN"); with
 * neither, the head's capacity over a dotted line where the name is written by hand.
 */
function boardSignatory(board: BoardPeople): Signatory {
  if (board.head) return { capacity: ['TRƯỞNG BAN'], person: board.head };
  if (board.deputy) return { capacity: ['KT. TRƯỞNG BAN', 'PHÓ TRƯỞNG BAN'], person: board.deputy };
  return { capacity: ['TRƯỞNG BAN'] };
}
