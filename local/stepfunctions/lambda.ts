/**
 * Local Lambda functions: in-process handlers invoked the way the Lambda service invokes them, as the
 * `arn:aws:states:::lambda:invoke` integration sees it (JSON round trip, a Lambda-like context, the
 * function's timeout, the `{ExecutedVersion, Payload, StatusCode}` result, `errorType` as error name).
 */
import type { Context } from 'aws-lambda';
import type { Clock } from './clock.js';

/** The context object a handler receives: the fields of Lambda's `Context`. */
export type LambdaLikeContext = Context;

/** A Lambda handler, as registered locally. */
export type LambdaHandler = (event: unknown, context: LambdaLikeContext) => Promise<unknown>;

export interface FunctionOptions {
  /** Lambda's timeout; the default is Lambda's, 3 seconds. */
  timeoutSeconds?: number;
}

/** A handler, or a handler with options. */
export type FunctionRegistration = LambdaHandler | ({ handler: LambdaHandler } & FunctionOptions);

/** What one invocation produced: Lambda's result shape, or an error named by its `errorType`. */
export type InvokeOutcome =
  | { ok: true; output: Record<string, unknown> }
  | { ok: false; error: string; cause: string };

export interface InvokeRequest {
  functionName: string;
  payload: unknown;
  requestId: string;
  region: string;
  accountId: string;
}

const DEFAULT_TIMEOUT_SECONDS = 3;

/** `name`, `name:alias`, `123456789012:function:name` or a full ARN → `name`. */
export function functionNameOf(reference: string): string {
  const parts = reference.split(':');
  const at = parts.indexOf('function');
  if (at >= 0 && at + 1 < parts.length) return parts[at + 1]!;
  return parts[0]!;
}

/** The registry of local functions. */
export class LocalFunctions {
  private readonly functions = new Map<string, { handler: LambdaHandler; timeoutSeconds: number }>();

  constructor(private readonly clock: Clock) {}

  register(name: string, registration: FunctionRegistration, options: FunctionOptions = {}): void {
    const { handler, timeoutSeconds } =
      typeof registration === 'function' ? { handler: registration, ...options } : { ...options, ...registration };
    this.functions.set(name, { handler, timeoutSeconds: timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS });
  }

  has(name: string): boolean {
    return this.functions.has(name);
  }

  /** Invokes a function; never throws: failures come back as `{ok: false}`. */
  async invoke(request: InvokeRequest): Promise<InvokeOutcome> {
    const name = functionNameOf(request.functionName);
    const fn = this.functions.get(name);
    const arn = `arn:aws:lambda:${request.region}:${request.accountId}:function:${name}`;
    if (!fn) {
      return {
        ok: false,
        error: 'Lambda.ResourceNotFoundException',
        cause: `Function not found: ${arn} (Service: Lambda, Status Code: 404, Request ID: ${request.requestId})`,
      };
    }
    const deadline = this.clock.now() + fn.timeoutSeconds * 1000;
    const context = lambdaContext(name, arn, request.requestId, () => Math.max(0, deadline - this.clock.now()));
    let timer: { cancel(): void } | undefined;
    const timedOut = new Promise<InvokeOutcome>((resolve) => {
      timer = this.clock.setTimer(deadline, () =>
        resolve(
          failure(
            'Sandbox.Timedout',
            `RequestId: ${request.requestId} Error: Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`,
          ),
        ),
      );
    });
    const run = (async (): Promise<InvokeOutcome> => {
      try {
        const event = JSON.parse(JSON.stringify(request.payload ?? null)) as unknown;
        const result = await fn.handler(event, context);
        const payload = JSON.parse(JSON.stringify(result ?? null)) as unknown;
        return { ok: true, output: invokeResult(payload, request.requestId) };
      } catch (error) {
        return thrown(error);
      }
    })();
    try {
      return await Promise.race([run, timedOut]);
    } finally {
      timer?.cancel();
    }
  }
}

function invokeResult(payload: unknown, requestId: string): Record<string, unknown> {
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: {
      HttpHeaders: { 'Content-Type': 'application/json', 'X-Amz-Executed-Version': '$LATEST', 'x-amzn-RequestId': requestId },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}

function failure(errorType: string, errorMessage: string, trace: string[] = []): InvokeOutcome {
  return { ok: false, error: errorType, cause: JSON.stringify({ errorType, errorMessage, trace }) };
}

function thrown(error: unknown): InvokeOutcome {
  if (error instanceof Error) {
    const trace = (error.stack ?? '').split('\n').map((line) => line.trim());
    return failure(error.name || 'Error', error.message, trace);
  }
  return failure('Error', String(error));
}

function lambdaContext(name: string, arn: string, requestId: string, remaining: () => number): LambdaLikeContext {
  const unsupported = (): never => {
    throw new Error('callback-style context methods are not supported; return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: arn,
    memoryLimitInMB: '128',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `local/[$LATEST]${requestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: remaining,
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
