import { describe, expect, it } from 'vitest';
import { DEFAULT_REGION, mailFrom, parseDeployContext, type ContextKey } from '../../infra/context.js';

const parse = (values: Partial<Record<ContextKey, unknown>>) => parseDeployContext((key) => values[key]);

describe('the deployment context', () => {
  it('takes the sender, admins, public URL and region from the context', () => {
    const { context, defaulted } = parse({ sender: 'no-reply@tdkt.dongnai.gov.vn', adminEmails: 'a@dongnai.gov.vn,b@dongnai.gov.vn', publicUrl: 'https://thidua.dongnai.gov.vn/', region: 'ap-southeast-7' });
    expect(context).toMatchObject({ adminEmails: ['a@dongnai.gov.vn', 'b@dongnai.gov.vn'], publicUrl: 'https://thidua.dongnai.gov.vn', region: 'ap-southeast-7' });
    expect(defaulted).toEqual([]);
    expect(mailFrom(context)).toBe('Thi đua <no-reply@tdkt.dongnai.gov.vn>');
  });

  it('sends from no-reply@ when the sender is a domain', () => {
    expect(mailFrom(parse({ sender: 'thidua.dongnai.gov.vn', adminEmails: 'a@dongnai.gov.vn', senderName: 'Ban Thi đua' }).context)).toBe('Ban Thi đua <no-reply@thidua.dongnai.gov.vn>');
  });

  it('accepts the admin list as an array (cdk.json) as well as a comma-separated string (-c)', () => {
    expect(parse({ sender: 'x.gov.vn', adminEmails: ['a@x.gov.vn', ' b@x.gov.vn '] }).context.adminEmails).toEqual(['a@x.gov.vn', 'b@x.gov.vn']);
  });

  it('synthesizes with example values when nothing is set, and says which', () => {
    const { context, defaulted } = parse({});
    expect(defaulted.sort()).toEqual(['adminEmails', 'sender']);
    expect(context.region).toBe(DEFAULT_REGION);
    expect(context.publicUrl).toBeUndefined();
  });

  it('rejects more alarm addresses than the budget can email, asking for alarmEmails', () => {
    const admins = Array.from({ length: 11 }, (_, i) => `admin${i}@x.gov.vn`).join(',');
    expect(() => parse({ sender: 'x.gov.vn', adminEmails: admins })).toThrow(/context "alarmEmails": at most 10 addresses/);
    expect(parse({ sender: 'x.gov.vn', adminEmails: admins, alarmEmails: 'ops@x.gov.vn' }).context.alarmEmails).toEqual(['ops@x.gov.vn']);
  });

  it.each([
    ['sender', { sender: 'not an address' }],
    ['adminEmails', { adminEmails: 'admin@x.gov.vn, nobody' }],
    ['publicUrl', { publicUrl: 'http://thidua.x.gov.vn' }],
    ['region', { region: 'Singapore' }],
  ])('rejects a bad %s, naming it', (key, values) => {
    expect(() => parse(values)).toThrow(new RegExp(`context "${key}`));
  });
});
