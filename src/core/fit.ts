import { withinBudget } from './budget.js';
import type { Budget } from './budget.js';
import { isWrnError } from './errors.js';
import { FAMILIES } from './families.js';
import { familyOf, resolveNetwork } from './spec.js';
import type { NetworkOptions, NetworkSpec } from './spec.js';
import { totalsCounter } from './network.js';
import { trainingMemory } from './memory.js';
import type { Totals, TrainingMemory, TrainingOptions } from './memory.js';
import { widenedBases } from './widths.js';

/**
 * "We are over budget: what fits?" Enumerate (depth, k) pairs, keep those within
 * the budget, and rank them. Candidates that differ only in depth share one walk of
 * their structure (totalsCounter); no cost grows with depth and no layer is ever listed.
 */
export const FIT_OBJECTIVES = ['params', 'macs', 'depth', 'width'] as const;
export type FitObjective = (typeof FIT_OBJECTIVES)[number];

/** Everything about the network but its depth and width. */
export type FitShape = Omit<NetworkOptions, 'depth' | 'k' | 'blocksPerGroup'>;

/** A network that fits: the summary JSON's `model` and `totals`. */
export interface FitCandidate {
  readonly model: NetworkSpec;
  readonly totals: Totals;
  /** A training step at the request's batch and optimizer. */
  readonly training: TrainingMemory;
}

export interface FitRequest {
  readonly depths: readonly number[];
  readonly ks: readonly number[];
  readonly shape: FitShape;
  readonly budget: Budget;
  /** Every objective ranks largest first: the biggest network that still fits. */
  readonly objective: FitObjective;
  /** Keep only the Pareto front of params (more is better) against MACs (fewer is better). */
  readonly pareto: boolean;
  /** How many candidates to return, best first; Infinity for all. */
  readonly top: number;
  /** The batch and optimizer of the `trainBytes` budget; default batch 1, momentum. */
  readonly training?: Pick<TrainingOptions, 'batch' | 'optimizer'>;
}

export interface FitResult {
  /** Best first, at most `top`. */
  readonly candidates: readonly FitCandidate[];
  /** Depths of the request that do not fit the block and depth rule (or, on ImageNet, torchvision's table). */
  readonly skippedDepths: readonly number[];
  /** Widening factors whose widths (base·k for each group's base width) are not whole. */
  readonly skippedKs: readonly number[];
  /** Valid (depth, k) pairs tried (including the too large ones). */
  readonly evaluated: number;
  /** Pairs whose counts would pass MAX_SAFE_INTEGER: above any budget, so never candidates. */
  readonly tooLarge: number;
  /** Evaluated pairs within the budget (before the Pareto filter and `top`). */
  readonly within: number;
}

/** The CLI refuses searches with more valid pairs than this (about a second of work). */
export const MAX_FIT_PAIRS = 100_000;

function fitsBlock(depth: number, shape: FitShape): boolean {
  try {
    resolveNetwork({ ...shape, depth, k: 1 });
    return true;
  } catch (error) {
    if (isWrnError(error) && (error.issue.code === 'DEPTH_MISFIT' || error.issue.code === 'IMAGENET_DEPTH')) return false;
    throw error;
  }
}

function hasWholeWidths(k: number, shape: FitShape): boolean {
  try {
    widenedBases(k, FAMILIES[familyOf(shape)].bases);
    return true;
  } catch (error) {
    if (isWrnError(error) && error.issue.code === 'WIDTH_NOT_WHOLE') return false;
    throw error;
  }
}

/** The depths and widening factors of a request that describe a network. */
export interface FitAxes {
  readonly depths: readonly number[];
  readonly ks: readonly number[];
}

/** The depths and widening factors of a request that describe a network; the rest are skipped. */
export function validFitAxes(request: Pick<FitRequest, 'depths' | 'ks' | 'shape'>): FitAxes {
  return {
    depths: request.depths.filter((depth) => fitsBlock(depth, request.shape)),
    ks: request.ks.filter((k) => hasWholeWidths(k, request.shape)),
  };
}

const OBJECTIVE_VALUE = {
  params: (s) => s.totals.params,
  macs: (s) => s.totals.macs,
  depth: (s) => s.model.depth,
  width: (s) => s.model.k,
} as const satisfies Record<FitObjective, (summary: FitCandidate) => number>;

/** Objective descending; ties: more params, fewer MACs, shallower, narrower (so the order is total). */
export function compareCandidates(objective: FitObjective): (a: FitCandidate, b: FitCandidate) => number {
  const value = OBJECTIVE_VALUE[objective];
  return (a, b) =>
    value(b) - value(a) ||
    b.totals.params - a.totals.params ||
    a.totals.macs - b.totals.macs ||
    a.model.depth - b.model.depth ||
    a.model.k - b.model.k;
}

/**
 * The candidates no other candidate dominates, where b dominates a when b has at
 * least as many params and at most as many MACs, and is strictly better in one.
 * One sweep in MAC order: a survives when it beats every cheaper candidate's
 * params and ties the best params of its own MAC count.
 */
export function paretoFront(candidates: readonly FitCandidate[]): FitCandidate[] {
  const byMacs = [...candidates].sort((a, b) => a.totals.macs - b.totals.macs);
  const front: FitCandidate[] = [];
  let bestCheaper = -Infinity;
  for (let start = 0; start < byMacs.length;) {
    const macs = byMacs[start]?.totals.macs;
    let end = start;
    while (end < byMacs.length && byMacs[end]?.totals.macs === macs) end += 1;
    const group = byMacs.slice(start, end);
    const bestHere = Math.max(...group.map((c) => c.totals.params));
    if (bestHere > bestCheaper) front.push(...group.filter((c) => c.totals.params === bestHere));
    bestCheaper = Math.max(bestCheaper, bestHere);
    start = end;
  }
  return front;
}

function countOrTooLarge(
  shape: FitShape,
  depth: number,
  k: number,
  request: FitRequest,
  totalsOf: (model: NetworkSpec) => Totals,
): FitCandidate | 'too large' {
  try {
    const model = resolveNetwork({ ...shape, depth, k });
    const totals = totalsOf(model);
    return { model, totals, training: trainingMemory(totals, model.classes, request.training) };
  } catch (error) {
    if (isWrnError(error) && error.issue.code === 'COUNT_OVERFLOW') return 'too large';
    throw error;
  }
}

/**
 * Errors that do not depend on depth or k (an input too small for the strides,
 * a block whose residual add cannot work) are thrown: no candidate could exist.
 * `axes`: the request's valid depths and ks (validFitAxes), when the caller has them already.
 */
export function fitToBudget(request: FitRequest, axes: FitAxes = validFitAxes(request)): FitResult {
  // The depths of one k (and block) differ only in N: one walk of their structure counts them all.
  const totalsOf = totalsCounter();
  const within: FitCandidate[] = [];
  let tooLarge = 0;
  for (const depth of axes.depths) {
    for (const k of axes.ks) {
      const candidate = countOrTooLarge(request.shape, depth, k, request, totalsOf);
      if (candidate === 'too large') tooLarge += 1;
      else if (withinBudget(candidate.totals, candidate.training, request.budget)) within.push(candidate);
    }
  }
  const pool = request.pareto ? paretoFront(within) : within;
  const validDepths = new Set(axes.depths);
  const validKs = new Set(axes.ks);
  return {
    candidates: pool.sort(compareCandidates(request.objective)).slice(0, request.top),
    skippedDepths: request.depths.filter((depth) => !validDepths.has(depth)),
    skippedKs: request.ks.filter((k) => !validKs.has(k)),
    evaluated: axes.depths.length * axes.ks.length,
    tooLarge,
    within: within.length,
  };
}
