/**
 * The dossier's files (issue 17): one S3 bucket, private and kept. Browsers upload straight to it by a
 * presigned POST (CORS from the public URL only) under `uploads/`; functions/files reads each upload back,
 * checks it and keeps the checked bytes under `files/`. What is never recorded stays under `uploads/` and
 * the lifecycle rule removes it; recorded files and their old versions are kept as the bloc's records.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { FunctionSpec } from '../functions/catalog.js';
import type { ThiDuaFunction } from './thidua-function.js';

/** Unrecorded uploads under `uploads/` are removed after this many days (an upload works for 15 minutes). */
export const ABANDONED_UPLOAD_DAYS = 2;

export interface FilesBucketProps {
  /** The origin the pages are served from: the only one allowed to upload from a browser. */
  publicOrigin: string;
}

export class FilesBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: FilesBucketProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      cors: [{ allowedOrigins: [props.publicOrigin], allowedMethods: [HttpMethods.POST, HttpMethods.GET], allowedHeaders: ['*'], maxAge: 3000 }],
      lifecycleRules: [
        { id: 'AbortIncompleteMultipartUploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        {
          id: 'ExpireAbandonedUploads',
          prefix: 'uploads/',
          expiration: Duration.days(ABANDONED_UPLOAD_DAYS),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
    });
  }

  /**
   * What a function may do with the files, as its catalog entry says: `read` opens recorded files
   * (a presigned GET is signed with the function's own rights); `readWrite` also presigns uploads, reads
   * them back, keeps the checked copy and deletes what it refuses. Listing is granted with writing only,
   * so that a missing upload is a 404 to the function rather than a 403.
   */
  grant(fn: ThiDuaFunction, access: NonNullable<FunctionSpec['files']>): void {
    const objects = (prefix: string) => this.bucket.arnForObjects(`${prefix}*`);
    if (access === 'read') {
      fn.allow(new PolicyStatement({ actions: ['s3:GetObject'], resources: [objects('files/')] }));
      return;
    }
    fn.allow(new PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: [objects('uploads/')] }));
    fn.allow(new PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [objects('files/')] }));
    fn.allow(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }));
  }
}
