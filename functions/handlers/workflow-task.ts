/**
 * The shape every workflow task handler shares: a middy handler that logs with the Lambda context,
 * parses the state machine's Payload with a zod schema (Powertools parser), and calls one step of the
 * cycle with the container's shared clients. A thrown error fails the task under its own name, which
 * the state machine's Retry and Catch rules match.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { TaskPhaseSchema } from '../domain/index.js';
import { sharedDeps, type CycleDeps } from '../shared/deps.js';
import { logger } from '../shared/logger.js';

/** Fields every step's Payload carries. */
export const CycleId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, { error: 'must be a cycle id' });
/** `$now()` of the state machine: the step's time, so a replay or a virtual clock sees the same instant. */
export const At = z.iso.datetime({ offset: true }).transform((iso) => new Date(iso));
export const PhaseStep = z.object({ cycleId: CycleId, phase: TaskPhaseSchema, round: z.number().int().positive(), at: At });

/** A workflow task handler running `step` on the parsed payload. */
export function workflowTask<S extends z.ZodType, R>(schema: S, step: (deps: CycleDeps, input: z.output<S>) => Promise<R>) {
  // The event arrives as the state machine sent it (z.input); the parser middleware hands on z.output.
  return middy<z.input<S>, R, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(parser({ schema }) as unknown as middy.MiddlewareObj<z.input<S>, R, Error, Context>)
    .handler(async (input) => step(sharedDeps(), input as unknown as z.output<S>));
}
