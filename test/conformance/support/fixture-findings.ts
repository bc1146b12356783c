import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readRequestList, readServiceList } from '../../../pipelines/dialects/shared/envelope.ts';
import { checkListEnvelope, checkXmlDeclaration } from '../../../pipelines/conformance/check-envelope.ts';
import { checkRequests } from '../../../pipelines/conformance/check-requests.ts';
import { checkServices, discoveryProblem, serviceDefinitionProblem } from '../../../pipelines/conformance/check-services.ts';
import { isSpecErrorBody } from '../../../pipelines/conformance/live/error-answer.ts';
import { observe, toFindings, type Finding, type Observations } from '../../../pipelines/conformance/observations.ts';
import { BodyError, parseBody } from '../../../pipelines/parse/index.ts';

export const fixtureRoot = new URL('../../fixtures/open311/', import.meta.url);

/** What a recorded file is, from its name (recordings carry no headers, so Content-Type is not judged). */
export function kindOf(path: string): 'requests' | 'services' | 'discovery' | 'definition' | 'error' {
  const name = basename(path);
  if (/^errors?[.-]/.test(name)) return 'error';
  if (name.startsWith('services')) return 'services';
  if (name.startsWith('discovery')) return 'discovery';
  if (name.startsWith('service-definition')) return 'definition';
  return 'requests';
}

/** The conformance findings of one recorded file, through the same checks a harvest and `fed311 check` run. */
export function fixtureFindings(path: string): Finding[] {
  const bytes = withoutHttpHead(readFileSync(new URL(path, fixtureRoot)));
  const format = path.endsWith('.xml') ? 'xml' : 'json';
  const where = path;
  const observations: Observations = {};
  const kind = kindOf(path);
  let body;
  try {
    body = parseBody({ bytes, contentType: null, expected: format });
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    // What `fed311 check` reports when the list call's answer is not a document.
    observe(observations, kind === 'services' ? 'services_unavailable' : 'requests_unavailable', `${where}: ${error.message}`);
    return toFindings(observations);
  }
  if (body.kind === 'xml') checkXmlDeclaration({ bytes, where, observations });
  if (kind === 'requests') {
    checkListEnvelope({ body, list: 'requests', where, observations });
    checkRequests({ records: readRequestList({ body }), format: body.kind, where, observations });
  } else if (kind === 'services') {
    checkListEnvelope({ body, list: 'services', where, observations });
    checkServices({ services: readServiceList({ body }), format: body.kind, where, observations });
  } else if (kind === 'discovery') {
    const problem = discoveryProblem({ body });
    if (problem) observe(observations, 'discovery_invalid', `${where}: ${problem}`);
  } else if (kind === 'definition') {
    const problem = serviceDefinitionProblem({ body, format: body.kind });
    if (problem) observe(observations, 'service_definition_invalid', `${where}: ${problem}`);
  } else if (!isSpecErrorBody(body)) {
    observe(observations, 'error_format', `${where}: not a spec error list`);
  }
  return toFindings(observations);
}

/** Two recordings keep the HTTP status line and headers before the body ("HTTP/1.1 403 Forbidden"). */
function withoutHttpHead(bytes: Buffer): Buffer {
  if (bytes.subarray(0, 5).toString('latin1') !== 'HTTP/') return bytes;
  const text = bytes.toString('utf8');
  const blank = /\r?\n\r?\n/.exec(text);
  const lines = text.split(/\r?\n/);
  // Some keep only the status line: the body starts on the next line.
  const start = blank ? blank.index + blank[0].length : text.indexOf(lines[1] ?? '');
  return Buffer.from(text.slice(start), 'utf8');
}
