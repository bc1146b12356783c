import type { WireRequest } from '../types.ts';
import { readNotes } from './notes.ts';
import { asRecord, isRecord, isTrue, textOf, urlsOf } from './values.ts';

/**
 * Connected Bits extensions, shared by Chicago and the other Spot cities: `extended_attributes` {channel, ward,
 * duplicate, parent_service_request_id, photos[]} and `notes[]` (GEOREPORT §7.2–7.3). `extended_attributes`
 * itself stays in `extended` as sent.
 */
export function liftConnectedBitsFacts({ wire, raw }: { wire: WireRequest; raw: unknown }): WireRequest {
  if (!isRecord(raw)) return wire;
  const attributes = asRecord(raw.extended_attributes);
  wire.channel = textOf(attributes.channel);
  wire.district = textOf(attributes.ward);
  wire.parent_request_id = textOf(attributes.parent_service_request_id) ?? textOf(raw.parent_service_request_id);
  wire.is_duplicate = isTrue(attributes.duplicate);
  const photos = urlsOf(attributes.photos, 'photo');
  if (photos.length > 0) wire.media_urls = photos;
  if (raw.notes !== undefined) wire.notes = readNotes({ value: raw.notes });
  return wire;
}
