/** The bundled, deliberately vulnerable shop: one process per team (see README.md). */
export { loadShopConfig, parseShopConfig, ShopConfigError, SHOP_VULNERABILITY_IDS } from './config';
export type { ShopConfig, ShopStartConfig, ShopVulnerabilityId } from './config';
export { RESTART_EXIT_CODE, startShop } from './shop';
export type { RunningShop, ShopOptions } from './shop';
export type { ShopSettings } from './settings';
