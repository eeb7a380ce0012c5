/**
 * Uploads through the server (a criteria sheet as XLSX, a dossier file sent without JavaScript), read only once the route, the admin's session and the CSRF
 * token are known, by the fetch API's own multipart parser (Node's undici): a body cut short, a missing
 * boundary or any other malformation is a 400 naming the field, never an error that escapes the request
 * (the streaming parser used before emitted an unhandled 'error' on a truncated part and killed the
 * process serving it).
 */
import { BadRequestError, type HttpEvent } from './http.js';

export interface UploadLimits {
  /** Largest file, in bytes. */
  fileBytes: number;
  files: number;
  fields: number;
  /** The error for a body or file over `fileBytes` (default: a 400 on `field`). */
  tooLarge?: (bytes: number) => Error;
}

/** The multipart boundary a browser or curl sends (RFC 2046: 1–70 characters). */
const MULTIPART = /^multipart\/form-data;\s*boundary=("?)[\w'()+,./:=? -]{1,70}\1\s*(;|$)/i;
/** Room for the part headers and the other fields around the file. */
const ENVELOPE_BYTES = 64 * 1024;

/** The request's form fields and files; every way it can be unreadable is a BadRequestError on `field`. */
export async function readUpload(event: HttpEvent, field: string, limits: UploadLimits): Promise<FormData> {
  const contentType = event.headers?.['content-type'] ?? '';
  if (!MULTIPART.test(contentType)) throw new BadRequestError(field, { reason: 'notMultipart' });
  const body = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  if (body.length > limits.fileBytes + ENVELOPE_BYTES) throw tooLarge(field, limits, body.length);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch (error) {
    throw new BadRequestError(field, { reason: 'unreadable' }, { cause: error });
  }
  const entries = [...form.entries()];
  const files = entries.filter(([, value]) => typeof value !== 'string') as Array<[string, File]>;
  if (files.length > limits.files || entries.length - files.length > limits.fields) throw new BadRequestError(field, { reason: 'tooManyParts' });
  const largest = Math.max(0, ...files.map(([, file]) => file.size));
  if (largest > limits.fileBytes) throw tooLarge(field, limits, largest);
  return form;
}

const tooLarge = (field: string, limits: UploadLimits, bytes: number) =>
  limits.tooLarge?.(bytes) ?? new BadRequestError(field, { reason: 'tooLarge', megabytes: Math.round(limits.fileBytes / 1024 / 1024) });
