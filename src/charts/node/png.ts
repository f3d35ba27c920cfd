import { createRequire } from 'node:module';
import { join } from 'node:path';

/*
 * PNG through @resvg/resvg-js, which wrn-calc does not depend on (it is a native
 * package of several MB): it is used when the user has installed it, beside
 * wrn-calc or in the folder the command runs in.
 */

/** The part of @resvg/resvg-js used here. */
export interface ResvgModule {
  readonly Resvg: new (
    svg: string,
    options: { fitTo: { mode: 'zoom'; value: number }; font: { loadSystemFonts: boolean; defaultFontFamily: string } },
  ) => { render(): { asPng(): Uint8Array } };
}

export const RESVG_PACKAGE = '@resvg/resvg-js';

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'MODULE_NOT_FOUND';
}

/** @resvg/resvg-js from where wrn-calc is installed, else from the working folder; undefined when neither has it. */
export function loadResvg(bases: readonly string[] = [import.meta.url, join(process.cwd(), 'package.json')]): ResvgModule | undefined {
  for (const base of bases) {
    try {
      return createRequire(base)(RESVG_PACKAGE) as ResvgModule;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  return undefined;
}

/** The SVG at twice its size (sharp on high-density screens and slides), text in the system's fonts. */
export function svgToPng(resvg: ResvgModule, svg: string): Uint8Array {
  const renderer = new resvg.Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return renderer.render().asPng();
}
