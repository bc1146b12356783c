/** A registry that cannot be loaded. `problems` holds one line per problem; the message is those lines. */
export class RegistryError extends Error {
  readonly source: string;
  readonly problems: readonly string[];

  constructor({ source, problems }: { source: string; problems: readonly string[] }) {
    super(problems.join('\n'));
    this.name = 'RegistryError';
    this.source = source;
    this.problems = problems;
  }
}
