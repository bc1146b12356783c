// CI reads one plain closing line, `N passed, N failed`, instead of vitest's own summary.
import type { Reporter, TestModule } from 'vitest/node';

export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      const moduleFailed = mod.state() === 'failed';
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        // A test meant to run that did not, because its file failed around it (a beforeAll hook threw: no browser,
        // no server), is a failure, not a skip: vitest exits 1 for it, and the line must say so too.
        else if (moduleFailed && test.options.mode !== 'skip' && test.options.mode !== 'todo') failed++;
        else skipped++;
      }
      // A file that failed to load has no tests but is a failure.
      if (moduleFailed && [...mod.children.allTests()].length === 0) failed++;
    }
    failed += unhandledErrors.length;
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(`\n${passed} passed, ${failed} failed${tail}\n`);
  }
}
