import type { ParsedBody } from '../../parse/types.ts';
import { asList, isRecord, textOf } from './values.ts';

/** An error a server sent instead of data: spec error lists (GEOREPORT §6), Mark-a-Spot's `{"error":{code,message}}`, a bare `<error>`. */
export interface VendorError {
  code: string | null;
  message: string;
}

function fromItem(item: unknown): VendorError | null {
  if (!isRecord(item)) {
    const message = textOf(item);
    return message === null ? null : { code: null, message };
  }
  const message = textOf(item.description) ?? textOf(item.message) ?? textOf(item.msg) ?? textOf(item['#text']);
  const code = textOf(item.code) ?? textOf(item.status);
  if (message === null && code === null) return null;
  return { code, message: message ?? '' };
}

/** A JSON array whose items all look like `{code, description}` and none like a request. */
function isErrorList(value: unknown[]): boolean {
  return value.length > 0 && value.every((item) => isRecord(item) && 'code' in item && ('description' in item || 'message' in item)
    && !('service_request_id' in item) && !('status' in item) && !('service_code' in item));
}

/** The errors a body carries, or null when it is not an error body. */
export function findVendorErrors({ body }: { body: ParsedBody }): VendorError[] | null {
  if (body.kind === 'xml') {
    if (body.root === 'errors') return asList(isRecord(body.value) ? body.value : null, 'error').map(fromItem).filter((e) => e !== null);
    if (body.root === 'error') return [fromItem(body.value) ?? { code: null, message: 'error' }];
    return null;
  }
  const value = body.value;
  if (Array.isArray(value)) return isErrorList(value) ? value.map(fromItem).filter((e) => e !== null) : null;
  if (!isRecord(value)) return null;
  if ('errors' in value) return asList(value.errors, 'error').map(fromItem).filter((e) => e !== null);
  if ('error' in value) return [fromItem(value.error) ?? { code: null, message: 'error' }];
  return null;
}

export function describeVendorErrors({ errors }: { errors: VendorError[] }): string {
  const parts = errors.map((e) => (e.code ? `${e.code} ${e.message}` : e.message).trim()).filter((p) => p !== '');
  return `server answered with an error: ${parts.length > 0 ? parts.join('; ') : 'no details'}`;
}
