/** Bad arguments: exit code 2 (CONTRACT §4). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
