import type { UnitId } from '../scenario/schema';

/**
 * Which unit may take each team action (game-model §2): sales buys stock, sets prices and buys
 * ads; management approves spending (稟議), borrows and re-staffs; PR publishes notices; tech runs
 * the shop's ops console. Anyone may ask for a marketplace item; a response belongs to the unit
 * its inbox item is addressed to.
 */
export const ACTION_UNITS = {
  stockOrder: 'sales',
  price: 'sales',
  ad: 'sales',
  marketRequest: undefined,
  marketDecision: 'management',
  loan: 'management',
  repayment: 'management',
  notice: 'pr',
  memberMove: 'management',
  shopConsole: 'tech',
} as const satisfies Record<string, UnitId | undefined>;
