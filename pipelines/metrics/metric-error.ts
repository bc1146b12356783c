/** A metric call that cannot be answered as asked; `parameter` names the field at fault (for a 400 answer). */
export class MetricRequestError extends Error {
  readonly parameter: string;

  constructor(parameter: string, message: string) {
    super(message);
    this.name = 'MetricRequestError';
    this.parameter = parameter;
  }
}
