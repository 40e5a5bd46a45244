import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Prints, after the run, the tests that passed only on a retry (so flakiness is seen, not hidden
 * behind a green run) and the ten slowest tests (where the suite's time goes).
 */
export default class SuiteReporter implements Reporter {
  private readonly durations = new Map<TestCase, number>();
  private readonly retried = new Map<TestCase, TestResult[]>();

  onTestEnd(test: TestCase, result: TestResult) {
    this.durations.set(test, (this.durations.get(test) ?? 0) + result.duration);
    if (result.retry > 0) this.retried.set(test, [...(this.retried.get(test) ?? []), result]);
  }

  onEnd(result: FullResult) {
    const name = (test: TestCase) => `[${test.parent.project()?.name ?? '?'}] ${test.titlePath().slice(2).join(' › ')}`;
    const slowest = [...this.durations].sort((a, b) => b[1] - a[1]).slice(0, 10);
    console.log('\nSlowest ten end-to-end tests:');
    for (const [test, ms] of slowest) console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name(test)}`);
    if (this.retried.size === 0) {
      console.log(`\nTests that needed a retry: none (run ${result.status}).`);
      return;
    }
    console.log(`\nTests that needed a retry (${this.retried.size}): these are flaky, fix them:`);
    for (const [test, results] of this.retried) {
      const outcome = test.outcome() === 'flaky' ? 'passed on retry' : test.outcome();
      console.log(`  ${name(test)}: ${outcome} after ${results.length} retr${results.length === 1 ? 'y' : 'ies'}`);
    }
  }

  printsToStdio() {
    return false;
  }
}
