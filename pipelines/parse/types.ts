/** A response body decoded into a generic tree; dialects read their envelopes from it. */
export type ParsedBody =
  | { kind: 'json'; value: unknown }
  /** XML as a plain object tree: element name → child (or array when repeated), text in `#text`, attributes dropped. */
  | { kind: 'xml'; root: string; value: unknown };

/** The body is no usable JSON/XML document (truncated, HTML error page, wrong type). Transient: the fetch is retried. */
export class BodyError extends Error {
  readonly kind = 'body';
  constructor(message: string, readonly detail?: { contentType?: string; snippet?: string }) {
    super(message);
    this.name = 'BodyError';
  }
}

/** The document parsed but is not the expected envelope (e.g. an Open311 error list, a wrong root). */
export class EnvelopeError extends Error {
  readonly kind = 'envelope';
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}
