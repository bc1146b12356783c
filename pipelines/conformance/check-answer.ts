import type { ParsedBody } from '../parse/types.ts';
import { checkContentType, checkListEnvelope, checkXmlDeclaration, type ListKind } from './check-envelope.ts';
import { checkRequests } from './check-requests.ts';
import { checkServices } from './check-services.ts';
import { observe, type Observations } from './observations.ts';

/** One list answer as fetched and parsed: what every list check reads. */
export interface ListAnswer {
  status: number;
  contentType: string | null;
  bytes: Uint8Array;
  body: ParsedBody;
  /** The items of the list, as the dialect (or the generous spec reader) unwrapped them. */
  items: readonly unknown[];
  /** The call, for examples: "GET <url>". */
  where: string;
}

/**
 * The checks of a requests or services list answer: Content-Type, XML declaration, envelope, then each item.
 * A 404 that a dialect reads as "no rows" is itself the finding (Mark-a-Spot).
 */
export function checkListAnswer({ answer, list, observations }: { answer: ListAnswer; list: ListKind; observations: Observations }): void {
  const { body, where } = answer;
  if (answer.status === 404 && answer.items.length === 0) {
    observe(observations, 'empty_list_not_found', `${where}: HTTP 404 for a query without matches`);
    return;
  }
  const services = list === 'services';
  checkContentType({ contentType: answer.contentType, kind: body.kind, check: services ? 'services_wrong_content_type' : 'wrong_content_type', where, observations });
  if (body.kind === 'xml' && !services) checkXmlDeclaration({ bytes: answer.bytes, where, observations });
  checkListEnvelope({ body, list, where, observations });
  if (services) checkServices({ services: answer.items, format: body.kind, where, observations });
  else checkRequests({ records: answer.items, format: body.kind, where, observations });
}
