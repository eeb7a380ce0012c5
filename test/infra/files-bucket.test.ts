import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../functions/catalog.js';
import { asArray, policyStatements, synthesize, type Synthesized } from './synth.js';

const CONTEXT = {
  sender: 'thidua.example.gov.vn',
  adminEmails: 'ban-tdkt@example.gov.vn',
  publicUrl: 'https://thidua.example.gov.vn/trang',
  region: 'ap-southeast-1',
};

describe('the dossier files bucket', () => {
  let synth: Synthesized;
  let template: Template;
  let bucketId: string;

  beforeAll(() => {
    synth = synthesize(CONTEXT, { bundle: false });
    template = synth.template;
    bucketId = Object.keys(template.findResources('AWS::S3::Bucket'))[0]!;
  }, 120_000);

  it('is one bucket, kept, encrypted, versioned, with every public access blocked', () => {
    expect(synth.error, String(synth.error)).toBeUndefined();
    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    });
  });

  it('refuses every request that is not over TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('aborts incomplete multipart uploads and expires abandoned uploads under uploads/ only', () => {
    const rules = template.toJSON().Resources[bucketId].Properties.LifecycleConfiguration.Rules as Record<string, unknown>[];
    expect(rules).toContainEqual(expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }));
    expect(rules).toContainEqual(expect.objectContaining({ Prefix: 'uploads/', ExpirationInDays: 2, NoncurrentVersionExpiration: { NoncurrentDays: 1 } }));
    for (const rule of rules) if (rule.ExpirationInDays !== undefined) expect(rule.Prefix).toBe('uploads/');
  });

  it('lets browsers upload and download from the public URL\'s origin only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedOrigins: ['https://thidua.example.gov.vn'], AllowedMethods: ['POST', 'GET'] })] },
    });
  });

  it('grants the bucket to the functions that need it only: writing to link-pages and api, reading recorded files to admin-console', () => {
    const resources = template.toJSON().Resources;
    const roleOf = (name: string) => {
      const [id] = Object.entries(template.findResources('AWS::Lambda::Function')).find(([, r]) => r.Properties.Description === FUNCTIONS.find((f) => f.name === name)!.description)!;
      return resources[id].Properties.Role['Fn::GetAtt'][0] as string;
    };
    const s3 = policyStatements(template).filter((s) => asArray(s.Action).some((a) => a.startsWith('s3:')) && resources[s.policy].Type === 'AWS::IAM::Policy');
    const rolesWith = (action: string) => new Set(s3.filter((s) => asArray(s.Action).includes(action)).flatMap((s) => resources[s.policy].Properties.Roles.map((r: { Ref: string }) => r.Ref)));
    const named = (names: string[]) => new Set(names.map(roleOf));
    expect(rolesWith('s3:PutObject')).toEqual(named(['link-pages', 'api']));
    expect(rolesWith('s3:DeleteObject')).toEqual(named(['link-pages', 'api']));
    expect(rolesWith('s3:GetObject')).toEqual(named(['link-pages', 'api', 'admin-console']));
    expect(FUNCTIONS.filter((f) => f.files).map((f) => f.name).sort()).toEqual(['admin-console', 'api', 'link-pages']);
    const adminReads = s3.filter((s) => resources[s.policy].Properties.Roles.some((r: { Ref: string }) => r.Ref === roleOf('admin-console')));
    expect(adminReads).toEqual([expect.objectContaining({ Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/files/*']] } })]);
    for (const statement of s3) expect(JSON.stringify(statement.Resource)).toContain(bucketId);
  });

  it('tells the functions the bucket\'s name', () => {
    for (const spec of FUNCTIONS) {
      template.hasResourceProperties('AWS::Lambda::Function', { Description: spec.description, Environment: { Variables: Match.objectLike({ FILES_BUCKET: { Ref: bucketId } }) } });
    }
  });
});
