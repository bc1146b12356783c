import { readServiceList } from '../../dialects/shared/envelope.ts';
import { isRecord, isTrue } from '../../dialects/shared/values.ts';
import { checkListAnswer } from '../check-answer.ts';
import { checkContentType } from '../check-envelope.ts';
import { discoveryProblem, serviceDefinitionProblem } from '../check-services.ts';
import { observe, type Observations } from '../observations.ts';
import type { Probe, ProbeClient } from './probe-client.ts';

const describe = (probe: Probe) => `${probe.where}: HTTP ${probe.status}${probe.problem ? ` (${probe.problem})` : ''}`;

/** Discovery in the endpoint's folder, else in its parent (the usual `<host>/open311/discovery.json` next to `/open311/v2/`). */
export async function probeDiscovery({ client, observations }: { client: ProbeClient; observations: Observations }): Promise<void> {
  const name = `discovery.${client.format}`;
  const tried: string[] = [];
  for (const url of [new URL(name, client.base), new URL(`../${name}`, client.base)]) {
    const probe = await client.getUrl(url);
    tried.push(describe(probe));
    if (probe.status !== 200 || probe.body === null) continue;
    checkContentType({ contentType: probe.contentType, kind: probe.body.kind, check: 'wrong_content_type', where: probe.where, observations });
    const problem = discoveryProblem({ body: probe.body });
    if (problem !== null) observe(observations, 'discovery_invalid', `${probe.where}: ${problem}`);
    return;
  }
  observe(observations, 'discovery_not_found', tried.join('; '));
}

/** The services list, and the definition of its first service with metadata=true. */
export async function probeServices({ client, observations }: { client: ProbeClient; observations: Observations }): Promise<void> {
  const probe = await client.get('services');
  if (probe.status !== 200 || probe.body === null) {
    observe(observations, 'services_unavailable', describe(probe));
    return;
  }
  let items: unknown[];
  try {
    items = readServiceList({ body: probe.body });
  } catch (error) {
    observe(observations, 'services_unavailable', `${probe.where}: ${(error as Error).message}`);
    return;
  }
  const answer = { status: probe.status, contentType: probe.contentType, bytes: probe.bytes, body: probe.body, items, where: probe.where };
  checkListAnswer({ answer, list: 'services', observations });
  const withDefinition = items.filter(isRecord).find((service) => isTrue(service.metadata) && typeof service.service_code === 'string');
  if (withDefinition) await probeDefinition({ client, code: withDefinition.service_code as string, observations });
}

async function probeDefinition({ client, code, observations }: { client: ProbeClient; code: string; observations: Observations }): Promise<void> {
  const probe = await client.get(`services/${encodeURIComponent(code)}`);
  if (probe.status !== 200 || probe.body === null) {
    observe(observations, 'service_definition_invalid', `${describe(probe)} for a service listed with metadata=true`);
    return;
  }
  checkContentType({ contentType: probe.contentType, kind: probe.body.kind, check: 'wrong_content_type', where: probe.where, observations });
  const problem = serviceDefinitionProblem({ body: probe.body, format: probe.body.kind });
  if (problem !== null) observe(observations, 'service_definition_invalid', `${probe.where}: ${problem}`);
}
