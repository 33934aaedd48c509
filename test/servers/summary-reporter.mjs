import { writeFileSync } from 'node:fs';

// Prints one plain "N passed, N failed, N skipped" line after a web-test-runner run, a line that CI
// logs recognise (web-test-runner's own summary is not).
function count(results, totals) {
  if (!results) return;
  for (const test of results.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const suite of results.suites ?? []) count(suite, totals);
}

/** `label` names the run (the engine) at the start of the line. */
export function summaryReporter(label = 'browser') {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        // A test file that failed to load has errors but no test results: count it as a failure.
        if (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length) totals.failed++;
      }
      // scripts/test.mjs adds the engines' counts up into a final total line.
      if (process.env.OTEL_TEST_SUMMARY_FILE) writeFileSync(process.env.OTEL_TEST_SUMMARY_FILE, JSON.stringify(totals));
      process.stdout.write(`\n${label}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
    },
  };
}
