/**
 * The structured logger every function writes with (Powertools: JSON lines with the Lambda context). One
 * logger, with a child per area so a line says where it came from; the outbox alarm's metric filter reads
 * the mail area's lines by their message, not by this name.
 */
import { Logger } from '@aws-lambda-powertools/logger';

/** The root logger; handlers inject the Lambda context into it. */
export const logger = new Logger({ serviceName: 'thidua' });

/** A child of the root logger for one area (`mail`, `sweep`): same context, its own service name. */
export function areaLogger(area: string): Logger {
  return logger.createChild({ serviceName: `thidua-${area}` });
}
