import { randomUUID } from 'node:crypto';
import type { ShopDatabase } from './database';

/**
 * Carts and checkout: the last two steps of a customer's journey (game-model §4). Checkout charges
 * the shop's *current* price, whatever it is, because that is how a tampered price shows up in the
 * crawler's facts.
 *
 * A checkout may carry an idempotency key (the crawler sends one per customer and tick): a retried
 * tick that checks out again with the same key and customer gets the first order back instead of
 * buying twice (architecture §6). Keys are kept with the orders, so this holds across a restart.
 */

export interface Customer {
  name: string;
  email: string;
}

export interface Order {
  orderId: string;
  productId: string;
  quantity: number;
  unitPriceYen: number;
  totalYen: number;
}

export type CheckoutResult =
  { outcome: 'ordered'; order: Order } | { outcome: 'unknown_cart' } | { outcome: 'out_of_stock' };

interface Cart {
  productId: string;
  quantity: number;
}

/**
 * Carts are transient and live in memory (a restart empties them, as it would in a small shop);
 * the oldest are dropped beyond this many so a flood of carts cannot grow memory without bound.
 */
const MAX_OPEN_CARTS = 20_000;

export class Orders {
  private readonly carts = new Map<string, Cart>();

  constructor(private readonly db: ShopDatabase) {}

  /** The caller has checked that the product exists. */
  openCart(productId: string, quantity: number): string {
    if (this.carts.size >= MAX_OPEN_CARTS) {
      const oldest = this.carts.keys().next().value;
      if (oldest !== undefined) this.carts.delete(oldest);
    }
    const cartId = randomUUID();
    this.carts.set(cartId, { productId, quantity });
    return cartId;
  }

  checkout(cartId: string, customer: Customer, now: Date, idempotencyKey?: string): CheckoutResult {
    // Matched with the customer too, so a stranger who guesses a key cannot answer for someone else's order.
    const earlier = idempotencyKey === undefined ? undefined : this.findKeyedOrder(idempotencyKey, customer.email);
    if (earlier) return { outcome: 'ordered', order: earlier };
    const cart = this.carts.get(cartId);
    if (!cart) return { outcome: 'unknown_cart' };
    const result = this.db.transaction((): CheckoutResult => {
      const product = this.db.prepare(`SELECT price_yen, stock FROM products WHERE id = ?`).get(cart.productId) as
        { price_yen: number; stock: number } | undefined;
      if (!product) return { outcome: 'unknown_cart' };
      if (product.stock < cart.quantity) return { outcome: 'out_of_stock' };
      const order: Order = {
        orderId: randomUUID(),
        productId: cart.productId,
        quantity: cart.quantity,
        unitPriceYen: product.price_yen,
        totalYen: product.price_yen * cart.quantity,
      };
      this.db.prepare(`UPDATE products SET stock = stock - ? WHERE id = ?`).run(cart.quantity, cart.productId);
      this.db
        .prepare(
          `INSERT INTO orders (id, product_id, quantity, unit_price_yen, total_yen, customer_name, customer_email,
                               created_at, idempotency_key)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          order.orderId,
          order.productId,
          order.quantity,
          order.unitPriceYen,
          order.totalYen,
          customer.name,
          customer.email,
          now.toISOString(),
          idempotencyKey ?? null,
        );
      return { outcome: 'ordered', order };
    })();
    // A cart is paid once; an out-of-stock cart stays so the customer could try again.
    if (result.outcome === 'ordered') this.carts.delete(cartId);
    return result;
  }

  private findKeyedOrder(idempotencyKey: string, customerEmail: string): Order | undefined {
    const row = this.db
      .prepare(
        `SELECT id, product_id, quantity, unit_price_yen, total_yen FROM orders
         WHERE idempotency_key = ? AND customer_email = ? ORDER BY rowid LIMIT 1`,
      )
      .get(idempotencyKey, customerEmail) as
      { id: string; product_id: string; quantity: number; unit_price_yen: number; total_yen: number } | undefined;
    if (!row) return undefined;
    return {
      orderId: row.id,
      productId: row.product_id,
      quantity: row.quantity,
      unitPriceYen: row.unit_price_yen,
      totalYen: row.total_yen,
    };
  }
}
