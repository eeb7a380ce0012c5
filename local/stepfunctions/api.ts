/**
 * The Step Functions API over HTTP, AWS JSON 1.0: `POST /` with `X-Amz-Target: AWSStepFunctions.<Op>`,
 * so `@aws-sdk/client-sfn` and the AWS CLI work unchanged against the endpoint.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApiError } from './errors.js';
import type { StepFunctionsService } from './service.js';
import { Cancelled } from './thread.js';

const OPERATIONS = [
  'CreateStateMachine',
  'UpdateStateMachine',
  'DescribeStateMachine',
  'DescribeStateMachineForExecution',
  'ValidateStateMachineDefinition',
  'ListStateMachines',
  'DeleteStateMachine',
  'StartExecution',
  'DescribeExecution',
  'ListExecutions',
  'StopExecution',
  'GetExecutionHistory',
  'SendTaskSuccess',
  'SendTaskFailure',
  'SendTaskHeartbeat',
] as const;
type Operation = (typeof OPERATIONS)[number];
const isOperation = (name: string): name is Operation => (OPERATIONS as readonly string[]).includes(name);

const CONTENT_TYPE = 'application/x-amz-json-1.0';
/** Step Functions accepts inputs and outputs up to 256 KiB; a request body is refused well above that. */
const MAX_BODY_BYTES = 1024 * 1024;

export function createApiServer(service: StepFunctionsService): Server {
  return createServer((request, response) => {
    void handle(service, request, response);
  });
}

async function handle(service: StepFunctionsService, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    const body = await readBody(request);
    const target = String(request.headers['x-amz-target'] ?? '');
    const [prefix, name = ''] = target.split('.');
    if (request.method !== 'POST' || prefix !== 'AWSStepFunctions' || !isOperation(name)) {
      throw new ApiError('UnknownOperationException', `Unknown operation: ${target || request.method + ' ' + request.url}`);
    }
    let params: unknown;
    try {
      params = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      throw new ApiError('SerializationException', 'The request body is not valid JSON');
    }
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
      throw new ApiError('SerializationException', 'The request body must be a JSON object');
    }
    const result = await service[name](params as Record<string, unknown>);
    send(response, 200, result);
  } catch (error) {
    const failure = asApiError(error);
    send(response, failure.status, { __type: failure.code, message: failure.message }, failure.code);
  }
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  // The execution ended between finding the task and completing it.
  if (error instanceof Cancelled) return new ApiError('TaskTimedOut', 'Task Timed Out: the execution is no longer running');
  console.error('sfn-local: internal error', error);
  return new ApiError('InternalFailure', error instanceof Error ? error.message : String(error), 500);
}

function send(response: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
    ...(errorType && { 'x-amzn-ErrorType': errorType }),
  });
  response.end(text);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new ApiError('ValidationException', `The request body is larger than ${MAX_BODY_BYTES} bytes`));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
