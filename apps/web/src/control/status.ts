import type { ClockView } from '@mamoru/domain';

/** The badge of a clock status: running is good, paused a warning, ended and not started neutral. */
export function statusBadgeClass(status: ClockView['status']): string {
  switch (status) {
    case 'running':
      return 'badge badge--good';
    case 'paused':
      return 'badge badge--warn';
    default:
      return 'badge';
  }
}
