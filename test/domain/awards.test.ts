import { describe, expect, it } from 'vitest';
import { BlocRulesSchema, candidatesOf, defaultBlocRules, nominate } from '../../functions/domain/index.js';
import { partyBloc, scoreTotals } from './fixtures.js';

const totals = {
  'vp-tinh-uy': 995, 'ban-to-chuc': 990, 'ban-tuyen-giao': 985, 'ban-dan-van': 980, ubkt: 975,
  'ban-noi-chinh': 970, 'bao-tinh': 965, 'truong-chinh-tri': 960, 'dang-uy-khoi': 955,
};

describe('nominate', () => {
  it('proposes the first unit for the flag and the next four for certificates in a bloc of nine', () => {
    const n = nominate(scoreTotals(partyBloc(), totals), defaultBlocRules);
    expect(n.flag).toMatchObject({ chosen: ['vp-tinh-uy'], seats: 1 });
    expect(n.flag.contested).toBeUndefined();
    expect(n.certificate).toMatchObject({ chosen: ['ban-to-chuc', 'ban-tuyen-giao', 'ban-dan-van', 'ubkt'], seats: 4 });
  });

  it('passes over a unit under discipline that ranks first', () => {
    const bloc = partyBloc((u) => (u.id === 'vp-tinh-uy' ? { eligibility: { eligible: false, reason: 'discipline', note: 'Đang xem xét kỷ luật' } } : {}));
    const rows = scoreTotals(bloc, totals);
    expect(rows[0]).toMatchObject({ unitId: 'vp-tinh-uy', place: 1, eligible: false, ineligibility: 'discipline' });
    const n = nominate(rows, defaultBlocRules);
    expect(n.flag.chosen).toEqual(['ban-to-chuc']);
    expect(candidatesOf(n.certificate)).not.toContain('vp-tinh-uy');
  });

  it('sends a tie for first to the vote as a contest', () => {
    const n = nominate(scoreTotals(partyBloc(), { ...totals, 'ban-to-chuc': 995 }), defaultBlocRules);
    expect(n.flag.chosen).toEqual([]);
    expect(n.flag.contested).toEqual({ candidates: ['vp-tinh-uy', 'ban-to-chuc'], seats: 1 });
    // Both contestants stay certificate nominees, so the one without the flag can still get a certificate.
    expect(candidatesOf(n.certificate)).toEqual(['vp-tinh-uy', 'ban-to-chuc', 'ban-tuyen-giao', 'ban-dan-van', 'ubkt']);
  });

  it('prefers the women-led unit in a tie for first', () => {
    const bloc = partyBloc((u) => (u.id === 'ban-to-chuc' ? { womenLed: true } : {}));
    const n = nominate(scoreTotals(bloc, { ...totals, 'ban-to-chuc': 995 }), defaultBlocRules);
    expect(n.flag.chosen).toEqual(['ban-to-chuc']);
    expect(n.flag.contested).toBeUndefined();
  });

  it('keeps a unit equal at the certificate edge on the ballot when the women-led preference takes the last seat', () => {
    // ubkt and ban-noi-chinh share 5th place for the fourth certificate; ban-noi-chinh is women-led.
    const bloc = partyBloc((u) => (u.id === 'ban-noi-chinh' ? { womenLed: true } : {}));
    const n = nominate(scoreTotals(bloc, { ...totals, 'ban-noi-chinh': 975 }), defaultBlocRules);
    expect(n.certificate.chosen).toEqual(['ban-to-chuc', 'ban-tuyen-giao', 'ban-dan-van', 'ban-noi-chinh']);
    expect(n.certificate.contested).toEqual({ candidates: ['ubkt'], seats: 0 });
    expect(candidatesOf(n.certificate)).toContain('ubkt');
  });

  it('does not nominate units below "Hoàn thành xuất sắc nhiệm vụ"', () => {
    const n = nominate(scoreTotals(partyBloc(), { ...totals, 'ban-tuyen-giao': 940, 'ban-dan-van': 930, ubkt: 900 }), defaultBlocRules);
    expect(candidatesOf(n.certificate)).toEqual(['ban-to-chuc', 'ban-noi-chinh', 'bao-tinh', 'truong-chinh-tri']);
  });

  it('follows a fixed certificate quota from the rules', () => {
    const rules = BlocRulesSchema.parse({ certificateQuota: { kind: 'fixed', count: 2 } });
    const n = nominate(scoreTotals(partyBloc(), totals), rules);
    expect(n.certificate.chosen).toEqual(['ban-to-chuc', 'ban-tuyen-giao']);
  });
});
