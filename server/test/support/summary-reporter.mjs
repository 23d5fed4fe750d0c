// Appends this run's totals to the file named by XF_TEST_SUMMARY (if set), so the root test command can
// end with one "N passed, N failed" line for the whole workspace.
import { appendFileSync } from 'node:fs';

export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.XF_TEST_SUMMARY;
    if (!file) return;
    const failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
    appendFileSync(file, `server ${results.numPassedTests} ${failed} ${results.numPendingTests}\n`);
  }
}
