import type { WireRequest } from '../types.ts';
import { pickSpecFields } from './spec-fields.ts';

/** toWire must never throw: if a vendor shape defeats the dialect's lifting, fall back to the plain spec fields. */
export function safeToWire(read: (raw: unknown) => WireRequest): (raw: unknown) => WireRequest {
  return (raw) => {
    try {
      return read(raw);
    } catch {
      try {
        return pickSpecFields({ raw });
      } catch {
        return { extended: {}, raw };
      }
    }
  };
}
