import { headroomPercent } from '../../core/index.js';
import type { CheckReport } from '../check-report.js';
import { STDIN_PATH } from '../context.js';
import { formatInteger } from '../format.js';
import { METRIC_LABEL } from './metrics.js';

/*
 * GitHub Actions workflow commands (`::error file=...,title=...::message`), one
 * per metric over budget, so the overruns show up as annotations on the run and
 * on the budget file in the pull request. They go to stderr: the runner reads
 * workflow commands from both streams, and stdout stays the report itself
 * (pure JSON with --json, a clean table for a PR comment with --format markdown).
 */

/** The escaping of @actions/core: `%`, CR and LF in the message; also `:` and `,` in properties. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function githubAnnotations(report: CheckReport): string {
  // A model from standard input has no file to point at.
  const propertiesOf = (file: string | undefined) =>
    [
      ...(file === undefined || file === STDIN_PATH ? [] : [`file=${escapeProperty(file)}`]),
      `title=${escapeProperty('wrn-calc: over budget')}`,
    ].join(',');
  const lines = report.models.flatMap((model) =>
    model.checks
      .filter((check) => !check.ok)
      .map((check) => {
        const over = (-headroomPercent(check)).toFixed(1);
        const network = model.name === model.summary.model.name ? model.name : `${model.name} (${model.summary.model.name})`;
        const message = `${network}: ${METRIC_LABEL[check.metric]} ${formatInteger(check.value)} is over the budget of ${formatInteger(check.budget)} by ${over}%`;
        return `::error ${propertiesOf(model.file)}::${escapeData(message)}\n`;
      }),
  );
  return lines.join('');
}
