// Types of scripts/build-web.mjs, for the tests that build the page's script in memory.
import type { BuildResult } from 'esbuild';

export const WEB_DIR: string;
export function buildScript(options?: { write?: boolean; withoutChartLibrary?: boolean }): Promise<BuildResult>;
export interface ScriptSize {
  readonly bytes: number;
  readonly gzip: number;
}
export function scriptSizes(): Promise<{ withChartLibrary: ScriptSize; withoutChartLibrary: ScriptSize }>;
export function buildPage(): Promise<void>;
