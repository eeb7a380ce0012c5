/** The CDK app: `npm run synth`, `npx cdk deploy` (docs/deploy.md). */
import { App } from 'aws-cdk-lib';
import { buildThiDua } from './build.js';

buildThiDua(new App());
