import type { DialectId } from '../../../pipelines/dialects/index.ts';
import type { RandomGenerator } from '../model/random.ts';
import type { Stage } from '../model/record-state.ts';
import type { DateParamStyle } from '../time/date-params.ts';
import type { TimeFormatter, TimeStyle } from '../time/time-format.ts';

/** One service of a simulated endpoint; `listed` is the entry exactly as services.json shows it. */
export interface SimService {
  code: string;
  name: string;
  group: string;
  agency: string;
  listed: Record<string, unknown>;
}

export type PagingRule =
  | { kind: 'page'; defaultSize: number; maxSize: number; pastEnd: 'empty' | 'repeat-last' }
  | { kind: 'offset'; defaultSize: number; maxSize: number; maxSizeFiltered: number }
  | { kind: 'none'; cap: number; maxRequestsParam?: boolean };

/** How one vendor's server reads parameters and shapes answers (docs/dialects.md, server side). */
export interface WireRules {
  paging: PagingRule;
  dateStyle: DateParamStyle;
  endExclusive: boolean;
  /** Window applied when no date is sent (spec: 90 days); null = everything. */
  defaultWindowDays: number | null;
  updated: 'range' | 'since' | 'none';
  ids: 'list' | 'single' | 'numeric-single';
  status: 'list' | 'single' | 'ignored';
  /** FixMyStreet needs any non-empty value; Chicago accepts only its own if one is sent; others ignore it. */
  jurisdiction: 'required-any' | 'ignored' | { only: string };
  errors: 'spec' | 'markaspot' | 'fixmystreet-html';
  emptyIs404: boolean;
  /** JSON bodies keep a root key (FixMyStreet). */
  wrappedJson: boolean;
  /** XML children in alphabetical order (FixMyStreet's XML::Simple). */
  xmlSortedKeys: boolean;
  timeStyle: TimeStyle;
}

export interface CityInfo {
  name: string;
  timezone: string;
  /** [west, south, east, north] */
  bbox: [number, number, number, number];
  /** Path of the Open311 base, with slashes at both ends. */
  prefix: string;
  /** Folder holding discovery.{json,xml}, when the vendor has one. */
  discoveryPrefix: string | null;
  jurisdictionId?: string;
  format: 'json' | 'xml';
  pageSize?: number;
  notes: string;
}

/** A record as seen at the simulated clock, plus what a renderer needs to draw its text. */
export interface RecordView {
  index: number;
  id: string;
  service: SimService;
  stage: Stage;
  requested: number;
  /** Acknowledged/closed instants, null until they have happened. */
  acknowledged: number | null;
  closed: number | null;
  updated: number;
  now: number;
  parentId: string | null;
  /** Draws for this record's texts; always consumed in the same order. */
  rng: RandomGenerator;
  /** Draws for the place (a duplicate gets its parent's stream, hence its place). */
  placeRng: RandomGenerator;
  /** A per-record hash for choices that must be cheap to recompute outside rendering. */
  hash: (salt: string) => number;
  time: TimeFormatter;
}

/** What id encoding needs to know about an endpoint. */
export interface IdContext {
  seed: number;
  requested: Uint32Array;
  /** Offset in minutes of the endpoint's zone at an instant. */
  offsetAt: (epochSeconds: number) => number;
}

export interface SimDialect {
  id: DialectId;
  city: CityInfo;
  rules: WireRules;
  /** Services, in list order; a locale picks a translation where the vendor has them. */
  services(locale: string | null): SimService[];
  /** Share of requests that duplicate an earlier one (only where the wire can say so). */
  duplicateShare: number;
  /** Share of records sent twice in one answer. */
  echoShare: number;
  idOf(index: number, ctx: IdContext): string;
  /** Candidate index for an id (verified by the caller against idOf). */
  indexOf(id: string, ctx: IdContext): number | null;
  render(view: RecordView, extensions: boolean): Record<string, unknown>;
  /** Chicago: a request not yet in the back office is listed without an id; cheap check. */
  listedWithoutId?: (args: { requested: number; now: number; hash: (salt: string) => number }) => boolean;
  /** Extra keys of the discovery document (and its endpoint entries). */
  discoveryExtras?: { document?: Record<string, unknown>; endpoint?: Record<string, unknown> };
  /** XML attributes of the services root element, as recorded (Giessen's is_array). */
  servicesXmlAttributes?: string;
}
