import { writeFileSync } from 'node:fs';

// Prints one plain "N passed, N failed, N skipped" line after a web-test-runner run, a line that CI
// logs recognise (web-test-runner's own summary is not), and hands the counts and the failed tests' names
// to scripts/test.mjs, which repeats the names at the very end: a CI log is often read from its tail.

/** The first line of an error's message, at most 300 characters. */
const firstLine = (error, fallback = '') =>
  String(error?.message ?? fallback)
    .split('\n')[0]
    .slice(0, 300);

function count(results, totals, file, path = []) {
  if (!results) return;
  for (const test of results.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else {
      totals.failed++;
      const message = firstLine(test.error);
      totals.failures.push(`${file}: ${[...path, test.name].join(' > ')}${message ? ` (${message})` : ''}`);
    }
  }
  for (const suite of results.suites ?? []) count(suite, totals, file, [...path, suite.name]);
}

/** `label` names the run (the engine) at the start of the line. */
export function summaryReporter(label = 'browser') {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, failures: [] };
      for (const session of sessions) {
        const file = session.testFile.replace(process.cwd() + '/', '');
        count(session.testResults, totals, file);
        // A test file that failed to load has errors but no test results: count it as a failure.
        if (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length) {
          totals.failed++;
          totals.failures.push(`${file}: did not run (${firstLine(session.errors?.[0], 'no test results')})`);
        }
      }
      // scripts/test.mjs adds the engines' counts up into a final total line.
      if (process.env.OTEL_TEST_SUMMARY_FILE) writeFileSync(process.env.OTEL_TEST_SUMMARY_FILE, JSON.stringify(totals));
      process.stdout.write(`\n${label}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
    },
  };
}
