/**
 * Every email of SPEC §4 and the data its template needs. Render input is parsed by these schemas, so a
 * workflow step that forgets a field fails before anything is written to the outbox.
 */
import * as z from 'zod';

export const LanguageSchema = z.enum(['vi', 'en']);
export type Language = z.infer<typeof LanguageSchema>;

/** Phases that open with an email to every unit (the later ones have emails of their own). */
const OpenedPhase = z.enum(['pledge', 'midYear', 'selfAssessment']);
const ActionPhase = z.enum(['pledge', 'midYear', 'selfAssessment', 'crossCheck', 'vote', 'leaderDecision', 'approval', 'revision']);
const instant = z.iso.datetime();
/** Which of the bloc's conferences an email is about (the year-end one when not said). */
const ConferenceKind = z.enum(['pledge', 'midYear', 'yearEnd']);
const conference = ConferenceKind.default('yearEnd');
const url = z.url({ protocol: /^https?$/ });

/** Who sends for the bloc: its leading unit ("Trưởng khối") and where to ask questions. */
const sender = z.object({ blocName: z.string().min(1), unitName: z.string().min(1), email: z.email() }).optional();

/** Who the email is for (a unit or a person, never an address), which cycle it is about, and who sends it. */
const common = {
  recipientName: z.string().min(1),
  blocName: z.string().min(1),
  year: z.number().int(),
  sender,
};

export const emailDataSchemas = {
  /** Mở giai đoạn: the pledge, mid-year or self-assessment form is open, with the unit's link. */
  phaseOpened: z.object({ ...common, phase: OpenedPhase, link: url, deadline: instant, /** An admin reopened this unit's form after its deadline (mở lại): the phase itself opened earlier. */ reopened: z.boolean().optional() }),
  /** Nhắc hạn: the unit has not acted and the deadline is near. */
  reminder: z.object({ ...common, phase: ActionPhase, link: url, deadline: instant, daysLeft: z.number().int().nonnegative(), /** An approval past its deadline, whose wait goes on (SPEC §3.7). */ overdue: z.boolean().optional(), conference: ConferenceKind.optional(), /** A conference still to sit: when it sits (its record cannot be sent before). */ sitsAt: z.iso.datetime({ offset: true }).optional() }),
  /** Xác nhận đã nộp: a receipt with a copy of what was submitted. */
  receipt: z.object({
    ...common,
    phase: ActionPhase,
    submittedAt: instant,
    entries: z.array(z.object({ label: z.string(), value: z.string() })),
    /** Where the unit may change its submission until the deadline, if it may. */
    link: url.optional(),
    deadline: instant.optional(),
    /** A conference's record: the secretary sent its minutes, not the phase's form. */
    conference: ConferenceKind.optional(),
    /** A cross-check: the unit whose self-assessment was checked. */
    checkedUnitName: z.string().min(1).optional(),
  }),
  /** Phân công kiểm tra chéo. */
  crossCheckAssignment: z.object({ ...common, checkedUnitName: z.string().min(1), link: url, deadline: instant }),
  /** Phiếu bầu: the ballot of a vote round. */
  ballot: z.object({
    ...common,
    round: z.number().int().positive(),
    /** The units proposed for the flag and for the certificate: each nominee with the award it is proposed for. */
    flagNominees: z.array(z.string()),
    certificateNominees: z.array(z.string()),
    /** A runoff's reason: the flag's threshold (percent of all members) and whether the top candidates tied. */
    runoff: z.object({ thresholdPercent: z.number(), tied: z.boolean() }).optional(),
    link: url,
    deadline: instant,
  }),
  /** Ghi biên bản hội nghị: the secretary's link to record a conference (the year-end one with the room's vote). */
  meetingRecord: z.object({ ...common, conference, flagNominees: z.array(z.string()), certificateNominees: z.array(z.string()), secretBallot: z.boolean(), link: url, deadline: instant }),
  /**
   * Giấy mời hội nghị: to every unit and guest when the conference's phase opens, with the planned time
   * (Vietnam time, as the calendar plans it), the place (the host's premises when the calendar names none),
   * the host, the agenda and, at the year-end conference, the nominees voted on.
   */
  meetingInvitation: z.object({
    ...common,
    conference,
    heldAt: z.iso.datetime({ offset: true }),
    hostUnitName: z.string().min(1),
    place: z.string().min(1).optional(),
    agenda: z.array(z.string().min(1)).min(1),
    secretBallot: z.boolean(),
    flagNominees: z.array(z.string()),
    certificateNominees: z.array(z.string()),
  }),
  /** Biên bản hội nghị: once the secretary has recorded the conference, its summary to every unit and guest. */
  meetingSummary: z.object({ ...common, conference, heldAt: z.iso.datetime({ offset: true }), place: z.string().min(1), entries: z.array(z.object({ label: z.string(), value: z.string() })) }),
  /** Quyết định của Trưởng khối: two ballot rounds left the flag undecided; the bloc leader and deputy decide. */
  leaderDecision: z.object({ ...common, round: z.number().int().positive(), candidates: z.array(z.string()), link: url, deadline: instant }),
  /** Đề nghị gửi tệp hồ sơ: after the vote, a nominee is asked for its achievement report, the leader for the signed scans. */
  filesRequest: z.object({ ...common, files: z.array(z.enum(['achievementReport', 'signedMinutes', 'signedProposal'])).min(1), link: url }),
  /** Đề nghị phê duyệt: the dossier goes to the approver, its files listed as links (never attached: SES caps a message's size). */
  approvalRequest: z.object({
    ...common,
    round: z.number().int().positive(),
    link: url,
    deadline: instant,
    files: z.array(z.object({ label: z.string().min(1), url })).default([]),
  }),
  /** Trả lại để hoàn thiện: the approver returned the dossier to the bloc leader. */
  returnedForRevision: z.object({ ...common, round: z.number().int().positive(), reason: z.string().min(1), link: url, deadline: instant }),
  /** Kết quả: the published result, with the summary table attached. */
  results: z.object({
    ...common,
    /** How the cycle ended: approved by the province, refused after the last return, or without a decision. */
    status: z.enum(['approved', 'rejected', 'noDecision']),
    decisionNumber: z.string().optional(),
    /** The decision's date, dd/mm/yyyy. */
    decisionDate: z.string().optional(),
    rows: z.array(z.object({ place: z.number().int().positive(), unitName: z.string(), total: z.string(), classification: z.string(), award: z.string().optional() })),
    leaderName: z.string().optional(),
    deputyName: z.string().optional(),
  }),
  /** Cảnh báo quản trị: something needs an admin (an approver not answering, an email that could not be sent). */
  adminAlert: z.object({ recipientName: z.string().min(1), title: z.string().min(1), detail: z.string(), link: url.optional(), sender }),
  /** Đăng nhập quản trị: the sign-in link. */
  adminSignIn: z.object({ recipientName: z.string().min(1), link: url, expiresAt: instant }),
};

export type EmailKind = keyof typeof emailDataSchemas;
export type EmailData<K extends EmailKind> = z.input<(typeof emailDataSchemas)[K]>;
export const EMAIL_KINDS = Object.keys(emailDataSchemas) as EmailKind[];
