/**
 * The admin's bloc forms: the flat fields of the bloc page ("units.3.email", "rules.voteThresholds.flag")
 * turned into the shapes StoredBlocSchema and BlocRulesSchema validate. Rows left empty are not units.
 */
const text = (fields: URLSearchParams, name: string) => fields.get(name)?.trim() ?? '';
const num = (raw: string) => (raw === '' ? undefined : Number(raw.replace(',', '.')));

/** The bloc's own fields and its units, from the bloc form. */
export function blocFromFields(fields: URLSearchParams): Record<string, unknown> {
  const units = rowsOf(fields, 'units')
    .map((i) => ({
      id: text(fields, `units.${i}.id`),
      name: text(fields, `units.${i}.name`),
      shortName: text(fields, `units.${i}.shortName`),
      email: text(fields, `units.${i}.email`),
      rotationOrder: num(text(fields, `units.${i}.rotationOrder`)) ?? Number(i),
      womenLed: fields.get(`units.${i}.womenLed`) === 'on',
      people: peopleFromFields(fields, `units.${i}.people.`),
    }))
    .filter((u) => u.id || u.name || u.email);
  const optional = (name: string) => text(fields, name) || undefined;
  return {
    name: text(fields, 'name'),
    province: text(fields, 'province'),
    headerStyle: text(fields, 'headerStyle') || 'state',
    approverEmail: text(fields, 'approverEmail'),
    leaderUnitId: optional('leaderUnitId'),
    deputyUnitId: optional('deputyUnitId'),
    units,
    guests: rowsOf(fields, 'guests').map((i) => personFromFields(fields, `guests.${i}.`, ['organisation'])).filter((g) => g !== undefined),
  };
}

/** The row numbers of a repeated group of fields ("guests.2.name" → 2), in order. */
const rowsOf = (fields: URLSearchParams, group: string) =>
  [...new Set([...fields.keys()].flatMap((k) => k.match(new RegExp(`^${group.replaceAll('.', '\\.')}\\.(\\d+)\\.`))?.[1] ?? []))].sort((a, b) => Number(a) - Number(b));

/** A person from the fields under `prefix`; a person left blank is no person. */
function personFromFields(fields: URLSearchParams, prefix: string, extra: string[] = []): Record<string, unknown> | undefined {
  const keys = ['name', 'title', 'gender', 'email', ...extra];
  const person = Object.fromEntries(keys.map((k) => [k, text(fields, prefix + k) || undefined]));
  return Object.values(person).some((v) => v !== undefined) ? person : undefined;
}

/** A unit's head, deputies and officer; a unit whose persons are all blank has none recorded. */
function peopleFromFields(fields: URLSearchParams, prefix: string): Record<string, unknown> | undefined {
  const head = personFromFields(fields, `${prefix}head.`);
  const officer = personFromFields(fields, `${prefix}officer.`);
  const deputies = rowsOf(fields, `${prefix}deputies`).map((i) => personFromFields(fields, `${prefix}deputies.${i}.`)).filter((d) => d !== undefined);
  return head || officer || deputies.length > 0 ? { head, officer, deputies } : undefined;
}

/** The bloc's rules ("quy chế"), from the rules form. */
export function rulesFromFields(fields: URLSearchParams): Record<string, unknown> {
  const n = (name: string) => num(text(fields, name));
  const certificateCount = n('certificateQuota.count');
  return {
    bands: { xuatSac: n('bands.xuatSac'), tot: n('bands.tot'), hoanThanh: n('bands.hoanThanh') },
    flagQuota: n('flagQuota'),
    certificateQuota: fields.get('certificateQuota.kind') === 'fixed' ? { kind: 'fixed', count: certificateCount } : { kind: 'halfOfMembers' },
    voteThresholds: { flag: n('voteThresholds.flag'), certificate: n('voteThresholds.certificate') },
    flagVoteRounds: n('flagVoteRounds'),
    approvalRounds: n('approvalRounds'),
    followUpDays: n('followUpDays'),
    reminderDaysBefore: text(fields, 'reminderDaysBefore').split(/[,;\s]+/).filter(Boolean).map(Number),
    preferWomenLedOnTie: fields.get('preferWomenLedOnTie') === 'on',
    closeEarly: fields.get('closeEarly') === 'on',
    boardActsForApprover: fields.get('boardActsForApprover') === 'on',
    voteMode: text(fields, 'voteMode') || undefined,
    writtenVotes: fields.get('writtenVotes') === 'on',
    requiredScans: fields.getAll('requiredScans'),
    ...(fields.has('awarding.body') ? { awarding: awardingFromFields(fields) } : {}),
  };
}

/** Who awards, from the rules form: a blank name stays blank, for the schema to name the field at fault. */
function awardingFromFields(fields: URLSearchParams): Record<string, unknown> {
  return {
    kind: text(fields, 'awarding.kind') || undefined,
    body: text(fields, 'awarding.body'),
    addressee: text(fields, 'awarding.addressee'),
    recipients: text(fields, 'awarding.recipients').split(/\r?\n/).map((line) => line.trim()).filter(Boolean),
    awards: { flag: text(fields, 'awarding.awards.flag'), certificate: text(fields, 'awarding.awards.certificate') },
  };
}
