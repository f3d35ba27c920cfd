import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseYaml } from '../helpers/yaml.js';

/**
 * The GitHub Action (action.yml) run here as the runner would run its check step: the step's `run` and
 * `env` read from action.yml, inputs substituted, bash invoked as GitHub invokes `shell: bash`, with a
 * temporary GITHUB_STEP_SUMMARY. The build step (npm ci in the action's checkout, whose prepare script builds
 * dist/) is what npm test has already done here, so it is read but not run.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'wrn-calc-action-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Step {
  name?: string;
  uses?: string;
  shell?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { description: string; required?: string; default?: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as unknown as Action;
const steps = action.runs.steps;

/** `${{ inputs.x }}` as the runner expands it: the given value, else the input's default. */
function expand(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => {
    const input = action.inputs[name];
    if (!input) throw new Error(`action.yml uses an undeclared input: ${name}`);
    return inputs[name] ?? input.default ?? '';
  });
}

function runCheckStep(inputs: Record<string, string>) {
  const step = steps.find((s) => s.name === 'Check budgets');
  if (!step?.run) throw new Error('action.yml has no "Check budgets" run step');
  const summary = join(dir, `summary-${Math.random().toString(36).slice(2)}.md`);
  writeFileSync(summary, 'an earlier step\n');
  const script = join(dir, 'step.sh');
  writeFileSync(script, expand(step.run, inputs));
  const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, expand(value, inputs)]));
  // GitHub runs `shell: bash` as `bash --noprofile --norc -eo pipefail {0}`, in the workspace.
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      NO_COLOR: undefined,
      FORCE_COLOR: undefined,
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_WORKSPACE: ROOT,
      GITHUB_STEP_SUMMARY: summary,
      ...stepEnv,
    },
  });
  return { exitCode: result.status, stdout: result.stdout, stderr: result.stderr, summary: readFileSync(summary, 'utf8') };
}

describe('action.yml', () => {
  it('is a composite action with inputs budgets (required), format (default markdown) and node-version', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.inputs.budgets?.required).toBe('true');
    expect(action.inputs.format?.default).toBe('markdown');
    expect(action.inputs['node-version']?.default).toBeTruthy();
  });

  it('sets up Node at the node-version input, then builds wrn-calc in its own checkout', () => {
    const setup = steps.findIndex((s) => s.uses?.startsWith('actions/setup-node@'));
    const build = steps.findIndex((s) => s.name === 'Build wrn-calc');
    const check = steps.findIndex((s) => s.name === 'Check budgets');
    expect(steps[setup]?.with?.['node-version']).toBe('${{ inputs.node-version }}');
    expect(steps[build]?.run).toMatch(/^cd "\$GITHUB_ACTION_PATH" && npm ci /);
    // npm ci runs the root package's prepare script: that is the build.
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts.prepare).toBe('npm run build');
    expect(setup).toBeGreaterThanOrEqual(0);
    expect([setup < build, build < check]).toEqual([true, true]);
    for (const step of steps.filter((s) => s.run)) expect(step.shell).toBe('bash');
  });

  it('passes inputs to the script through env, never spliced into the command line', () => {
    for (const step of steps) expect(step.run ?? '').not.toContain('${{');
  });
});

describe('the action check step', () => {
  it('a budget file within budget: exit 0, the markdown report appended to the job summary', () => {
    const result = runCheckStep({ budgets: 'examples/budgets.json' });
    expect(result.exitCode).toBe(0);
    expect(result.summary.startsWith('an earlier step\n**wrn-calc check**: All 4 models are within budget.\n')).toBe(true);
    expect(result.summary).toContain('| baseline | params | 36,479,194 (36.5M) | 37,000,000 (37.0M) | 1.4% | ✅ ok |');
    expect(result.stdout).toContain('All 4 models are within budget.');
    expect(result.stderr).toBe('');
  });

  it('a model over budget: exit 1 fails the step, the summary says which, and each overrun is annotated', () => {
    const result = runCheckStep({ budgets: 'test/fixtures/budgets-over.json' });
    expect(result.exitCode).toBe(1);
    expect(result.summary).toContain('**wrn-calc check**: 1 of 2 models is over budget: wide in params, MACs.');
    expect(result.summary).toContain('| wide | params | 36,479,194 (36.5M) | 10,000,000 (10.0M) | -264.8% | ❌ over |');
    expect(result.summary).toContain('| small | params | 2,748,890 (2.75M) | 10,000,000 (10.0M) | 72.5% | ✅ ok |');
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^::error file=test\/fixtures\/budgets-over\.json,title=wrn-calc%3A over budget::wide \(WRN-28-10\): params /),
      expect.stringMatching(/^::error file=test\/fixtures\/budgets-over\.json,title=wrn-calc%3A over budget::wide \(WRN-28-10\): MACs /),
    ]);
  });

  it('format json: the report goes into the summary as a JSON code block', () => {
    const result = runCheckStep({ budgets: 'test/fixtures/budgets-over.json', format: 'json' });
    expect(result.exitCode).toBe(1);
    const fenced = /^an earlier step\n\*\*wrn-calc check\*\* `test\/fixtures\/budgets-over\.json`:\n\n```json\n([^]*)```\n\n$/.exec(
      result.summary,
    );
    expect((JSON.parse(fenced![1]!) as { ok: boolean }).ok).toBe(false);
  });

  it('a missing budget file: exit 2, and the summary says why', () => {
    const result = runCheckStep({ budgets: 'no-such-budgets.json' });
    expect(result.exitCode).toBe(2);
    expect(result.summary).toContain(
      "could not check `no-such-budgets.json` (exit 2):\n\n```text\nwrn-calc: cannot read the budget file 'no-such-budgets.json': no such file.\n```\n",
    );
  });
});
