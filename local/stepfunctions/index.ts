/**
 * A local, durable AWS Step Functions runtime for JSONata state machines with Lambda tasks and
 * callbacks, behind the Step Functions API. See README.md beside this file.
 */
export { type Clock, type IdSource, SystemClock, systemIds, type Timer, VirtualClock } from './clock.js';
export { LocalStepFunctions, type StartOptions } from './runtime.js';
export { type FunctionOptions, type FunctionRegistration, functionNameOf, type InvokeOutcome, type LambdaHandler, type LambdaLikeContext, LocalFunctions } from './lambda.js';
export { parseDefinition, type ParseOptions } from './definition.js';
export { DefinitionError, type DefinitionProblem, StatesError, StepFunctionsError } from './errors.js';
export type { RunStatus } from './execution.js';
export { DataDirectoryInUse } from './data-lock.js';
