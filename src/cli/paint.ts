/** The few styles renderers use; plain strings when colour is off. */
export interface Paint {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
  /** A heat colour for a value in [0, 1] (grid cells). */
  readonly heat: (text: string, level: number) => string;
}

const identity = (text: string): string => text;

export const PLAIN: Paint = {
  bold: identity,
  dim: identity,
  red: identity,
  green: identity,
  yellow: identity,
  cyan: identity,
  heat: identity,
};

/**
 * Whether to colour, by the no-color.org convention: a flag given on the command
 * line wins (--color beats NO_COLOR, --no-color beats FORCE_COLOR), then NO_COLOR
 * (set and not empty) turns colour off, then FORCE_COLOR (set and not 0) turns it
 * on, and otherwise colour is on only when stdout is a terminal.
 */
export function wantsColor(flag: boolean | undefined, env: Readonly<Record<string, string | undefined>>, isTTY: () => boolean): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTTY();
}

/** Loads chalk only when colour is on, so piped output never pays for it. */
export async function makePaint(color: boolean): Promise<Paint> {
  if (!color) return PLAIN;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  const heatScale = [chalk.blue, chalk.cyan, chalk.green, chalk.yellow, chalk.red] as const;
  return {
    bold: (t) => chalk.bold(t),
    dim: (t) => chalk.dim(t),
    red: (t) => chalk.red(t),
    green: (t) => chalk.green(t),
    yellow: (t) => chalk.yellow(t),
    cyan: (t) => chalk.cyan(t),
    heat: (t, level) => {
      const index = Math.min(heatScale.length - 1, Math.max(0, Math.floor(level * heatScale.length)));
      return (heatScale[index] ?? chalk.reset)(t);
    },
  };
}
