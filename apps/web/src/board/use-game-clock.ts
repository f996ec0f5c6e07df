import type { ClockView } from '@mamoru/domain';
import { useEffect, useRef, useState } from 'react';
import type { ServerClock } from './clock';
import { gameMsAt, steadyGameMs } from './clock';

/**
 * The game time to show, in whole seconds, running smoothly in the browser while the game runs
 * (one animation frame at a time; React renders only when the shown second changes) and standing
 * still otherwise. Null before the first view.
 */
export function useGameClock(clock: ClockView | null, serverClock: ServerClock): number | null {
  const [shown, setShown] = useState<number | null>(null);
  const lastShown = useRef<number | null>(null);

  useEffect(() => {
    if (!clock) return;
    let frame = 0;
    const step = () => {
      const computed = gameMsAt(clock, serverClock.serverNow(performance.now()));
      const steady = steadyGameMs(lastShown.current, computed, clock);
      lastShown.current = steady;
      const second = Math.floor(steady / 1000) * 1000;
      setShown((previous) => (previous === second ? previous : second));
      if (clock.status === 'running') frame = requestAnimationFrame(step);
    };
    step();
    return () => cancelAnimationFrame(frame);
  }, [clock, serverClock]);

  return clock ? shown : null;
}
