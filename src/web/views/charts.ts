import type { ChartInput } from '../../charts/index.js';
import { fill, h } from '../dom.js';

/*
 * The CLI's charts, drawn in the page: the same spec (data → marks) and the same
 * Observable Plot drawing that `--svg` writes, into the page's own document.
 * The chart module is imported on first use: the build keeps it inside the one
 * script, but its modules (Observable Plot and d3 among them) are initialised
 * only when the first chart is drawn, after the first numbers are on screen.
 */
type ChartModules = [typeof import('../../charts/index.js'), typeof import('../../charts/draw.js')];

let modules: Promise<ChartModules> | undefined;

function chartModules(): Promise<ChartModules> {
  modules ??= Promise.all([import('../../charts/index.js'), import('../../charts/draw.js')]);
  return modules;
}

/**
 * The chart as the page embeds it. Plot gives each plot it draws a <style> element,
 * which the page's Content-Security-Policy refuses (inline styles): they are removed
 * before the chart joins the document, so nothing is refused or logged, and app.css
 * holds the rule that matters. Plot also names its marks' groups (`aria-label="line"`),
 * which ARIA does not allow on an element without a role; the chart is one image,
 * named by its title, so the inner names go.
 */
function forThePage(svg: Element): Element {
  for (const style of Array.from(svg.querySelectorAll('style'))) style.remove();
  for (const named of Array.from(svg.querySelectorAll('[aria-label], [aria-description]'))) {
    named.removeAttribute('aria-label');
    named.removeAttribute('aria-description');
  }
  return svg;
}

/** Draws the chart into its figure; a chart that cannot be drawn says so in words instead. */
export async function drawInto(figure: HTMLElement, input: ChartInput): Promise<void> {
  try {
    const [{ chartSpec }, { drawChart }] = await chartModules();
    const spec = chartSpec(input);
    fill(
      figure,
      forThePage(drawChart(spec, document)),
      h('figcaption', { className: 'visually-hidden' }, `${spec.title}. ${spec.caption.join(' ')}`),
    );
  } catch (error) {
    fill(figure, h('p', { className: 'note' }, `This chart could not be drawn: ${error instanceof Error ? error.message : String(error)}`));
  }
}
