import { readState, writeState, type StateOf } from './url-state';

/** The endpoint page's URL: the flow chart's period and the date range every figure and chart is cut to. */
export const endpointSchema = {
  period: { kind: 'text', fallback: '' as string },
  from: { kind: 'text', fallback: '' as string },
  to: { kind: 'text', fallback: '' as string },
} as const;

export type EndpointState = StateOf<typeof endpointSchema>;

export const readEndpoint = (search: URLSearchParams): EndpointState => readState(endpointSchema, search);
export const writeEndpoint = (state: EndpointState): string => writeState(endpointSchema, state);
