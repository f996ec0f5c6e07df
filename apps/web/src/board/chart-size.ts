import type uPlot from 'uplot';

export interface ChartSize {
  width: number;
  height: number;
}

/** The element's size in whole pixels, at least `min` (a chart never drawn at zero). */
export function elementSize(element: HTMLElement, min: ChartSize = { width: 0, height: 0 }): ChartSize {
  return {
    width: Math.max(min.width, Math.floor(element.clientWidth)),
    height: Math.max(min.height, Math.floor(element.clientHeight)),
  };
}

/**
 * Keeps a uPlot chart the size of `element` as it resizes (a window, a panel, a font switch);
 * returns the function that stops it.
 */
export function followSize(chart: uPlot, element: HTMLElement, min?: ChartSize): () => void {
  const observer = new ResizeObserver(() => {
    const size = elementSize(element, min);
    if (size.width > 0 && size.height > 0 && (size.width !== chart.width || size.height !== chart.height))
      chart.setSize(size);
  });
  observer.observe(element);
  return () => observer.disconnect();
}
