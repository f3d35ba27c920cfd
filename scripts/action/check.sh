#!/usr/bin/env bash
# The check step of the wrn-calc GitHub Action (action.yml): `wrn-calc check` on a budget file with the action's
# own build, the report in the log and appended to the job summary, and wrn-calc's exit code as the step's
# (0 every model within budget, 1 a model over budget, 2 an invalid file or input).
#   WRN_CALC_BUDGETS     the budget file, relative to the working directory (required)
#   WRN_CALC_FORMAT      markdown (default), table or json; markdown goes into the summary as is, the others fenced
#   GITHUB_STEP_SUMMARY  the job summary file (set by the runner; nothing is appended when it is unset)
set -uo pipefail

budgets=${WRN_CALC_BUDGETS:-}
format=${WRN_CALC_FORMAT:-markdown}
if [[ -z $budgets ]]; then
  echo "::error title=wrn-calc::the 'budgets' input is empty: give the path of a budget file" >&2
  exit 2
fi
bin="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/bin/wrn-calc.cjs"

report=$(mktemp)
errors=$(mktemp)
trap 'rm -f "$report" "$errors"' EXIT
node "$bin" check "$budgets" --format "$format" >"$report" 2>"$errors"
status=$?
cat "$report"
cat "$errors" >&2

if [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then
  # shellcheck disable=SC2016 # the backticks are Markdown, not command substitution
  {
    if ((status > 1)); then
      printf '**wrn-calc check** could not check `%s` (exit %d):\n\n```text\n' "$budgets" "$status"
      cat "$errors"
      printf '```\n'
    elif [[ $format == markdown ]]; then
      cat "$report"
    else
      printf '**wrn-calc check** `%s`:\n\n```%s\n' "$budgets" "$([[ $format == json ]] && echo json || echo text)"
      cat "$report"
      printf '```\n'
    fi
    echo
  } >>"$GITHUB_STEP_SUMMARY"
fi
exit "$status"
