import { fakeCustomers } from './seed';

describe('fakeCustomers', () => {
  it('draws the same fictional people from the same seed', () => {
    expect(fakeCustomers(30, 7)).toEqual(fakeCustomers(30, 7));
    expect(fakeCustomers(30, 7)).not.toEqual(fakeCustomers(30, 8));
  });

  it('looks like Japanese customers with example.jp addresses and card-shaped numbers', () => {
    const customers = fakeCustomers(50, 1);
    expect(customers).toHaveLength(50);
    expect(new Set(customers.map((customer) => customer.email)).size).toBe(50);
    for (const customer of customers) {
      expect(customer.name).toMatch(/^[\p{Script=Han}\p{Script=Hiragana}]+ [\p{Script=Han}\p{Script=Hiragana}]+$/u);
      expect(customer.email).toMatch(/^[a-z]+\.[a-z]+\d+@example\.jp$/);
      expect(customer.cardNumber).toMatch(/^4\d{3}-\d{4}-\d{4}-\d{4}$/);
    }
  });
});
