import { spawnSync } from 'node:child_process';

/*
 * Debian's Python with PyTorch, torchvision and ONNX (python3-torch, python3-torchvision,
 * python3-onnx), for the tests that run exported code. In CI (CI=true) they never skip:
 * a machine without them fails those tests. Elsewhere they skip, and say once what to install.
 */

/** The system interpreter: Debian's python3-torch installs there (a pyenv or venv python3 would lack it). */
export const PYTHON = process.env.WRN_CALC_PYTHON ?? '/usr/bin/python3';

export const DEBIAN_PACKAGES = 'python3-torch python3-torchvision python3-onnx';

export const IN_CI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false' && process.env.CI !== '0';

function probe(): boolean {
  const result = spawnSync(PYTHON, ['-c', 'import torch, torchvision, onnx'], { encoding: 'utf8' });
  return result.status === 0;
}

let available: boolean | undefined;

/**
 * Whether the PyTorch tests run here: always in CI (where a missing torch then fails
 * them), else when the modules import. `announce`: the one test file that prints the
 * line saying they are skipped and what to install (the others skip quietly).
 */
export function torchTestsRun({ announce = false } = {}): boolean {
  available ??= probe();
  if (!available && !IN_CI && announce) {
    console.warn(
      `PyTorch export tests skipped: ${PYTHON} cannot import torch, torchvision and onnx (Debian: apt-get install -y ${DEBIAN_PACKAGES}).`,
    );
  }
  return available || IN_CI;
}
