// Response bodies → generic trees (parsing only; serialising lives with the server).
export { parseBody, type ParseBodyInput } from './parse-body.ts';
export { BodyError, EnvelopeError, type ParsedBody } from './types.ts';
