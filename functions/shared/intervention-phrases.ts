/**
 * The words of the admin's interventions on a cycle (extend a deadline, reopen a form, mark a unit
 * ineligible): why one is refused, what one did, and how the dossier shows an ineligible unit. A chapter
 * of the phrase book (phrases.ts, as `t.intervention`); `{date}` is filled with dd/mm/yyyy in Vietnam time
 * and `{phase}` with the phase's name, by the web layer.
 */
import { ADMIN_PHRASES } from './admin-phrases.js';

/** A reason for ineligibility in words, as the eligibility form offers it. */
const reasons = (lang: 'vi' | 'en') => {
  const a = ADMIN_PHRASES[lang];
  return { discipline: a.reasonDiscipline, investigation: a.reasonInvestigation, inspection: a.reasonInspection, complaint: a.reasonComplaint, other: a.reasonOther };
};

export const INTERVENTION_PHRASES = {
  vi: {
    refused: {
      notOpened: 'Giai đoạn "{phase}" chưa mở.',
      phaseClosed: 'Giai đoạn này đã kết thúc; để giúp một đơn vị, hãy mở lại biểu mẫu của đơn vị đó.',
      notAfterCurrent: 'Hạn chót mới phải sau hạn chót hiện tại ({date}).',
      afterCap: 'Hạn chót mới phải để giai đoạn sau ít nhất một ngày trước hạn chót của giai đoạn đó: muộn nhất là ngày {date}.',
      notInFuture: 'Hạn chót mới phải là một ngày sắp tới.',
      noForm: 'Đơn vị này không có biểu mẫu ở giai đoạn "{phase}".',
      waitNotStarted: 'Biểu mẫu của đơn vị này chưa được gửi đến đơn vị; hãy gia hạn cả giai đoạn.',
      alreadyScored: 'Khối đã được tính điểm, xếp hạng; Trưởng khối có thể rút đơn vị khỏi danh sách đề nghị khi hoàn thiện hồ sơ.',
      cyclePublished: 'Không mở lại được: kết quả thi đua đã được công bố.',
      blocScored: 'Không mở lại được: khối đã được tính điểm, xếp hạng.',
      ballotsCounted: 'Không mở lại được: phiếu bầu đã được kiểm.',
      notReopenable: 'Bước này không mở lại được.',
    },
    refusedSummary: 'Chưa thực hiện được; xem các ô được đánh dấu.',
    done: {
      deadline: 'Đã gia hạn. Các đơn vị chưa gửi được nhắc theo hạn chót mới.',
      reopen: 'Đã mở lại biểu mẫu; đơn vị nhận được liên kết mới qua thư.',
      ineligible: 'Đã đánh dấu đơn vị không đủ điều kiện khen thưởng.',
      eligible: 'Đã bỏ đánh dấu: đơn vị đủ điều kiện khen thưởng trở lại.',
    },
    recent: 'Thao tác gần đây',
    ineligible: 'Không đủ điều kiện khen thưởng',
    ineligibleUnits: 'Đơn vị đang được đánh dấu không đủ điều kiện',
    undoIneligible: 'Bỏ đánh dấu',
    reasons: reasons('vi'),
  },
  en: {
    refused: {
      notOpened: 'The phase "{phase}" has not opened.',
      phaseClosed: "This phase is over; to help one unit, reopen that unit's form.",
      notAfterCurrent: 'The new deadline must be after the current one ({date}).',
      afterCap: "The new deadline must leave the next phase a day before its own deadline: {date} at the latest.",
      notInFuture: 'The new deadline must be a day still to come.',
      noForm: 'This unit has no form in the phase "{phase}".',
      waitNotStarted: "This unit's form has not been sent to it yet; extend the whole phase instead.",
      alreadyScored: 'The bloc is already scored; the bloc leader can withdraw a nominee when revising the dossier.',
      cyclePublished: 'Cannot reopen: the results are published.',
      blocScored: 'Cannot reopen: the bloc has been scored.',
      ballotsCounted: 'Cannot reopen: the ballots have been counted.',
      notReopenable: 'This step cannot be reopened.',
    },
    refusedSummary: 'Not done; see the marked fields.',
    done: {
      deadline: 'Deadline extended. Units that have not sent are reminded of the new deadline.',
      reopen: 'Form reopened; the unit is emailed a new link.',
      ineligible: 'The unit is marked ineligible for awards.',
      eligible: 'Mark removed: the unit is eligible for awards again.',
    },
    recent: 'Recent actions',
    ineligible: 'Not eligible for awards',
    ineligibleUnits: 'Units marked ineligible',
    undoIneligible: 'Remove the mark',
    reasons: reasons('en'),
  },
} as const;
