import { useCallback, useLayoutEffect, useRef } from 'react';

const MOVE_MS = 750;
const EASING = 'cubic-bezier(0.22, 0.8, 0.24, 1)';

/**
 * FLIP for reordered rows: after React has moved the rows, each row that changed place is drawn
 * where it was (a transform) and slides to its new place; a row moving again mid-slide starts from
 * where it is drawn now. Layout positions (offsetTop, which transforms do not change) are read
 * after every render and when the container resizes; rows animate only when `orderKey` changed.
 * Web Animations on CSS transforms, no library; off for prefers-reduced-motion.
 *
 * `rowRef(key)` goes on each row, `containerRef` on their parent.
 */
export function useFlip<E extends HTMLElement>(orderKey: string) {
  const elements = useRef(new Map<string, E>());
  const refs = useRef(new Map<string, (element: E | null) => void>());
  const tops = useRef(new Map<string, number>());
  const lastOrder = useRef(orderKey);

  const rowRef = useCallback((key: string) => {
    let ref = refs.current.get(key);
    if (!ref) {
      ref = (element: E | null) => {
        if (element) elements.current.set(key, element);
        else elements.current.delete(key);
      };
      refs.current.set(key, ref);
    }
    return ref;
  }, []);

  const containerRef = useCallback((container: HTMLElement | null) => {
    if (!container || typeof ResizeObserver === 'undefined') return;
    // A resize moves every row: remember the new places so that the next reorder starts from them.
    const observer = new ResizeObserver(() => {
      tops.current = measure(elements.current);
    });
    observer.observe(container);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const reordered = lastOrder.current !== orderKey;
    lastOrder.current = orderKey;
    const next = measure(elements.current);
    const animate = reordered && !prefersReducedMotion();
    for (const [key, element] of animate ? elements.current : []) {
      const before = tops.current.get(key);
      const top = next.get(key)!;
      if (before === undefined || typeof element.animate !== 'function') continue;
      const delta = before + currentTranslateY(element) - top;
      if (Math.abs(delta) < 1) continue;
      for (const running of element.getAnimations()) running.cancel();
      if (delta > 0) element.dataset.moving = 'up';
      else delete element.dataset.moving;
      const animation = element.animate([{ transform: `translateY(${delta}px)` }, { transform: 'translateY(0)' }], {
        duration: MOVE_MS,
        easing: EASING,
      });
      animation.onfinish = () => delete element.dataset.moving;
    }
    tops.current = next;
  });

  return { rowRef, containerRef };
}

function measure<E extends HTMLElement>(elements: Map<string, E>): Map<string, number> {
  const tops = new Map<string, number>();
  for (const [key, element] of elements) tops.set(key, element.offsetTop);
  return tops;
}

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** The translateY that a running animation applies now (0 without one). */
function currentTranslateY(element: HTMLElement): number {
  if (element.getAnimations().length === 0) return 0;
  const transform = getComputedStyle(element).transform;
  if (!transform || transform === 'none') return 0;
  try {
    return new DOMMatrixReadOnly(transform).m42;
  } catch {
    return 0;
  }
}
