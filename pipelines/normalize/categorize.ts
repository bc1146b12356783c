import type { Endpoint } from '../registry/types.ts';

export interface CategorizeInput {
  serviceCode: string | null;
  serviceName: string | null;
  group?: string | null;
  description?: string | null;
  endpoint: Endpoint;
}

/** The project taxonomy's category slug for a service. The taxonomy is not built yet: everything is 'other' until this one function is replaced. */
export function categorize(_input: CategorizeInput): string {
  return 'other';
}
